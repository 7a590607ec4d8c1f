//! Command-line interface: the binary's edge, where errors become one sentence and an exit code.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{Context, Result, anyhow};
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use clap::{Parser, Subcommand};
use tally::commands::Engine;
use tally::config::Config;
use tally::console::Console;
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser;
use tally::store::Store;

#[derive(Parser)]
#[command(
    name = "tally",
    version,
    about = "Personal and household money, kept in Discord"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The engine on a terminal: quick messages and /commands, one per line.
    Console {
        /// Where charts and exports are written.
        #[arg(long, default_value = "tally-out")]
        out: PathBuf,
        /// Seed six months of demo data (a household and a personal ledger) first.
        #[arg(long)]
        demo: bool,
        /// Who is typing (console users are named).
        #[arg(long, default_value = "alice")]
        user: String,
        /// Pretend today is this date (YYYY-MM-DD).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Run the Discord bot (needs DISCORD_TOKEN).
    Serve {
        /// Run only these gateway shards, START..END with END excluded (env TALLY_SHARDS).
        #[arg(long, value_name = "START..END")]
        shards: Option<String>,
        /// How many shards the whole bot runs, over every process (env TALLY_SHARD_TOTAL).
        #[arg(long, value_name = "N")]
        shard_total: Option<u32>,
    },
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Parse quick messages from stdin, one per line, and print one JSON object per line.
    Parse {
        /// "Today" for relative dates (default: now in --tz).
        #[arg(long)]
        today: Option<NaiveDate>,
        #[arg(long, default_value = "UTC")]
        tz: String,
        #[arg(long, default_value = "USD")]
        currency: String,
        /// mdy (3/14) or dmy (14/3).
        #[arg(long, default_value = "mdy")]
        date_format: String,
        /// dm or household: in a household channel, what is not an expense gets silence.
        #[arg(long, default_value = "dm")]
        channel: String,
    },
    /// Forecast monthly series read as CSV `series_id,t,value` on stdin; print
    /// `series_id,step,mean,lo80,hi80,lo95,hi95` for steps 1..H.
    Forecast {
        #[arg(long)]
        horizon: usize,
        /// Season length (12 for monthly data).
        #[arg(long, default_value_t = 12)]
        season: usize,
        /// Prediction interval levels in percent.
        #[arg(long, default_value = "80,95")]
        levels: String,
    },
    /// Categorize `description<TAB>amount` lines from stdin, one category per line.
    Categorize {
        /// Lines carry a third column, the true category: print the prediction, then learn it.
        #[arg(long)]
        learn: bool,
    },
}

pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut message = error.to_string();
            for cause in error.chain().skip(1) {
                message.push_str(": ");
                message.push_str(&cause.to_string());
            }
            eprintln!("tally: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Parse {
            today,
            tz,
            currency,
            date_format,
            channel,
        } => parse(today, &tz, &currency, &date_format, &channel),
        Command::Forecast {
            horizon,
            season,
            levels,
        } => {
            let levels = tally::forecast::cli::parse_levels(&levels)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            tally::forecast::cli::run(stdin.lock(), &mut out, horizon, season, &levels)?;
            out.flush()?;
            Ok(())
        }
        Command::Categorize { learn } => {
            // Only this evaluation command reads the blend's tuning; `serve` files with the
            // constants whatever the environment says.
            if let Ok(spec) = std::env::var("TALLY_CATEGORIZE_TUNE") {
                tally::categorize::learned::tune(&spec);
            }
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            tally::categorize::cli::run(stdin.lock(), &mut out, learn)?;
            out.flush()?;
            Ok(())
        }
        Command::Migrate => {
            init_tracing("warn");
            let config = Config::from_env()?;
            let store = open_store(&config).await?;
            store.close().await;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Console {
            out,
            demo,
            user,
            today,
        } => {
            init_tracing("warn");
            let config = Config::from_env()?;
            let store = open_store(&config).await?;
            let engine = Engine::new(store.clone(), config.defaults);
            let day = today.unwrap_or_else(|| {
                Utc::now()
                    .with_timezone(&config.defaults.time_zone)
                    .date_naive()
            });
            if demo {
                let now = Utc::now();
                let seeded = tally::demo::seed(&store, config.defaults, day, now).await?;
                println!(
                    "· demo data ready ({} new entries): you are alice; :channel home is the household \"Home\" shared with sam",
                    seeded.entries
                );
            }
            let mut console = Console::new(engine, out, &user);
            if let Some(day) = today {
                console.set_today(day);
            }
            let stdin = tokio::io::BufReader::new(tokio::io::stdin());
            let mut stdout = std::io::stdout();
            console.run(stdin, &mut stdout).await?;
            store.close().await;
            Ok(())
        }
        Command::Serve {
            shards,
            shard_total,
        } => serve(shards.as_deref(), shard_total).await,
    }
}

/// `tally serve`: the bot on Discord, with the ops endpoint when `TALLY_HTTP_ADDR` is set.
#[cfg(feature = "discord")]
async fn serve(shards: Option<&str>, shard_total: Option<u32>) -> Result<()> {
    use std::sync::Arc;
    use std::time::Duration;
    use tally::ops::OpsServer;
    use tally::ops::limits::{Limits, WriteLimiter, spawn_sweeper};

    init_tracing("info");
    let config = Config::from_env()?.with_shard_flags(shards, shard_total)?;
    let token = config.require_token()?.expose().to_string();
    // Bound before anything else, so a busy port is reported at once.
    let http = match config.http_addr {
        Some(addr) => Some(
            OpsServer::bind(addr)
                .await
                .with_context(|| format!("TALLY_HTTP_ADDR {addr}"))?,
        ),
        None => None,
    };
    let store = open_store(&config).await?;
    let limiter = Arc::new(WriteLimiter::new(&Limits::default()));
    let _sweeper = spawn_sweeper(&limiter, Duration::from_secs(60));
    let engine = Arc::new(
        Engine::new(store.clone(), config.defaults).with_write_limit(Arc::clone(&limiter)),
    );
    let discord = tally::discord::DiscordConfig {
        dev_guild: config.dev_guild,
        ..tally::discord::DiscordConfig::new(token)
    };
    let options = tally::discord::ServeOptions {
        http,
        shards: config.shards.clone(),
        ..tally::discord::ServeOptions::default()
    };
    let served = tally::discord::serve_with(discord, engine, options).await;
    store.close().await;
    Ok(served?)
}

/// `tally serve` in a build without the Discord adapter: says how to get one.
#[cfg(not(feature = "discord"))]
async fn serve(_shards: Option<&str>, _shard_total: Option<u32>) -> Result<()> {
    anyhow::bail!(
        "this build of tally has no Discord adapter: build it with the `discord` feature \
         (on by default) to run `tally serve`"
    )
}

async fn open_store(config: &Config) -> Result<Store> {
    let url = config.database_url.as_ref().map(|s| s.expose());
    Ok(Store::open_with(url, config.pool).await?)
}

/// `tally parse`: the parser's evaluation surface (see the foundation issue for the contract).
fn parse(
    today: Option<NaiveDate>,
    tz: &str,
    currency: &str,
    date_format: &str,
    channel: &str,
) -> Result<()> {
    let channel = parser::Channel::from_str(channel).map_err(|e| anyhow!("--channel: {e}"))?;
    let tz = Tz::from_str(tz).map_err(|_| anyhow!("--tz “{tz}” is not an IANA time zone"))?;
    let currency = Currency::parse(currency).context("--currency")?;
    let date_format =
        DateFormat::from_str(date_format).map_err(|e| anyhow!("--date-format: {e}"))?;
    let today = today.unwrap_or_else(|| Utc::now().with_timezone(&tz).date_naive());
    let ctx = parser::Context {
        today,
        tz,
        date_format,
        default_currency: currency,
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().split(b'\n') {
        let bytes = line?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let line = match channel {
            // The default keeps the plain parse (and its speed) byte for byte.
            parser::Channel::Dm => parser::contract::json_line(&parser::parse(text, &ctx)),
            parser::Channel::Household => {
                parser::contract::json_line_in(&parser::read(text, &ctx), channel)
            }
        };
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
