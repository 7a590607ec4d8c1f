# Tally: build the release binary, then copy it into a small Debian image that runs it as a
# non-root user. The migrations are compiled into the binary (sqlx::migrate!), and so is the
# chart font (include_bytes!), so the runtime image needs nothing but the binary.
#
#   docker build -t tally .
#   docker run --rm --env-file .env tally            # = tally serve
#   docker run --rm --env-file .env tally migrate

# --- build -------------------------------------------------------------------------------
FROM rust:1-bookworm AS build
WORKDIR /src
# Everything `cargo build` reads: the manifest and lock file, the sources, the embedded
# migrations and font, and the bench targets Cargo.toml declares.
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY crates ./crates
COPY migrations ./migrations
COPY assets ./assets
COPY benches ./benches
# The cache mounts keep the registry and target dir between builds (BuildKit, the default
# builder); the binary is copied out because the target mount is not part of the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin tally \
    && cp target/release/tally /usr/local/bin/tally

# --- run ---------------------------------------------------------------------------------
FROM debian:bookworm-slim
# ca-certificates: TLS to Discord and to a managed database; curl: the health check
# (docker-compose.yml probes http://127.0.0.1:8080/healthz).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/tally --create-home --shell /usr/sbin/nologin tally
COPY --from=build /usr/local/bin/tally /usr/local/bin/tally
# Without DATABASE_URL, Tally keeps its SQLite file tally.db in the working directory.
WORKDIR /var/lib/tally
USER tally
# `tally serve` stops gracefully on SIGTERM (Docker's default stop signal).
ENTRYPOINT ["tally"]
CMD ["serve"]
