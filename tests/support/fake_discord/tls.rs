//! The API over HTTPS as `discord.com`: serenity's rate limiter sends every request to
//! `https://discord.com` whatever `HttpBuilder::proxy` says, so a bot that keeps its rate limiter
//! on reaches the fake only by resolving `discord.com` here and trusting the test CA
//! (`tests/fixtures/fake-discord-tls/`).

use std::io;

use axum::serve::Listener;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::server::TlsStream;

use super::*;

/// The certificate authority the bot must trust to take the fake for `discord.com`.
pub const TLS_CA_PEM: &str = include_str!("../../fixtures/fake-discord-tls/ca.pem");
const CERT_PEM: &str = include_str!("../../fixtures/fake-discord-tls/discord.com.pem");
const KEY_PEM: &str = include_str!("../../fixtures/fake-discord-tls/discord.com.key");

/// A listener that hands axum connections whose TLS handshake is done. Handshakes run on their
/// own tasks, so a client that stalls one never holds up the others.
pub(super) struct TlsListener {
    addr: SocketAddr,
    accepted: mpsc::UnboundedReceiver<(TlsStream<TcpStream>, SocketAddr)>,
    accepting: JoinHandle<()>,
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl TlsListener {
    pub(super) fn new(tcp: TcpListener) -> Self {
        let addr = tcp.local_addr().expect("local addr");
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let cert = CertificateDer::from_pem_slice(CERT_PEM.as_bytes()).expect("the test cert");
        let key = PrivateKeyDer::from_pem_slice(KEY_PEM.as_bytes()).expect("the test key");
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .expect("the test cert and key match");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let (tx, accepted) = mpsc::unbounded_channel();
        let accepting = tokio::spawn(async move {
            while let Ok((stream, peer)) = tcp.accept().await {
                let acceptor = acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    let handshake = acceptor.accept(stream);
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(Duration::from_secs(5), handshake).await
                    {
                        let _ = tx.send((tls, peer));
                    }
                });
            }
        });
        TlsListener {
            addr,
            accepted,
            accepting,
        }
    }
}

impl Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.accepted.recv().await {
            Some(connection) => connection,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.addr)
    }
}
