//! The `tally` binary: reads the command line and hands over to the library.

mod cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    cli::main().await
}
