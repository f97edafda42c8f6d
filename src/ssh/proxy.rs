//! The PROXY protocol (v1 text and v2 binary, parsed by the `ppp` crate) in front of the SSH
//! handshake, for instances behind HAProxy or a cloud TCP load balancer: a connection from a
//! trusted proxy must start with a header, and the client address in it is the one that limits,
//! logs and recordings use; a connection from anyone else that starts with a header is refused
//! (it would be a client claiming another address).
//!
//! The header is read with `peek` until it is whole, then exactly its bytes are consumed, so the
//! SSH bytes after it stay in the socket for russh.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use ppp::{HeaderResult, PartialResult, v1, v2};
use tokio::net::TcpStream;

/// A header longer than this is refused (v1 is at most 107 bytes; v2 from HAProxy is ~30 bytes
/// without TLVs, a few hundred with them).
pub const MAX_HEADER: usize = 1024;
/// Time a trusted proxy has to send its whole header.
pub const HEADER_WITHIN: Duration = Duration::from_secs(3);
/// Time waited for the first bytes of a connection from elsewhere, to see whether it starts with a
/// header (an SSH client sends its version line at once; one that waits for the server's gets in).
pub const SNIFF_WITHIN: Duration = Duration::from_millis(200);

/// `--proxy-protocol` with `--trusted-proxy`: who may say where a connection comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyProtocol {
    /// The proxies' addresses.
    pub trusted: Vec<IpAddr>,
}

/// Why a connection was refused at the PROXY header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRefusal {
    /// A trusted proxy's connection did not start with a header.
    Missing,
    /// The header could not be parsed, or was too long.
    Malformed,
    /// A connection from an address that is not a trusted proxy sent a header.
    Untrusted,
    /// The proxy did not send its whole header in time, or the socket failed.
    Unfinished,
    /// The proxy's own connection (LOCAL, UNKNOWN: a health check): closed, nobody to serve.
    Local,
}

impl HeaderRefusal {
    /// The reason in the log line.
    pub fn reason(self) -> &'static str {
        match self {
            HeaderRefusal::Missing => "no PROXY header from a trusted proxy",
            HeaderRefusal::Malformed => "malformed PROXY header",
            HeaderRefusal::Untrusted => "PROXY header from an untrusted address",
            HeaderRefusal::Unfinished => "PROXY header not finished in time",
            HeaderRefusal::Local => "the proxy's health check",
        }
    }
}

/// What the first bytes of a connection are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parsed {
    /// Too few bytes to tell.
    Incomplete,
    /// Not a PROXY header (the SSH version line, say).
    NotHeader,
    /// A header that cannot be parsed.
    Malformed,
    /// A header of `len` bytes; its client address (`None` for a proxy's own health check: LOCAL,
    /// UNKNOWN, or a UNIX socket).
    Header {
        len: usize,
        source: Option<SocketAddr>,
    },
}

/// v2's fixed 12-byte signature.
const V2_SIGNATURE: &[u8] = b"\r\n\r\n\0\r\nQUIT\n";
/// v1's prefix.
const V1_PREFIX: &[u8] = b"PROXY ";

/// Whether `bytes` could be the start of a PROXY header, judging by its signature.
fn may_be_header(bytes: &[u8]) -> bool {
    let n = bytes.len();
    bytes[..n.min(V2_SIGNATURE.len())] == V2_SIGNATURE[..n.min(V2_SIGNATURE.len())]
        || bytes[..n.min(V1_PREFIX.len())] == V1_PREFIX[..n.min(V1_PREFIX.len())]
}

fn parse(bytes: &[u8]) -> Parsed {
    if bytes.is_empty() {
        return Parsed::Incomplete;
    }
    if !may_be_header(bytes) {
        return Parsed::NotHeader;
    }
    let result = HeaderResult::parse(bytes);
    if result.is_incomplete() {
        return Parsed::Incomplete;
    }
    match result {
        HeaderResult::V1(Ok(header)) => Parsed::Header {
            len: header.header.len(),
            source: v1_source(header.addresses),
        },
        HeaderResult::V2(Ok(header)) => Parsed::Header {
            len: header.len(),
            source: match header.command {
                v2::Command::Proxy => v2_source(header.addresses),
                v2::Command::Local => None,
            },
        },
        HeaderResult::V1(Err(_)) | HeaderResult::V2(Err(_)) => Parsed::Malformed,
    }
}

fn v1_source(addresses: v1::Addresses) -> Option<SocketAddr> {
    match addresses {
        v1::Addresses::Tcp4(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v1::Addresses::Tcp6(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v1::Addresses::Unknown => None,
    }
}

fn v2_source(addresses: v2::Addresses) -> Option<SocketAddr> {
    match addresses {
        v2::Addresses::IPv4(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v2::Addresses::IPv6(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v2::Addresses::Unspecified | v2::Addresses::Unix(_) => None,
    }
}

/// Peeks at the first bytes until `parse` can tell, or `within` passes (then `None`).
async fn peek_parsed(
    stream: &TcpStream,
    within: Duration,
) -> Result<Option<Parsed>, HeaderRefusal> {
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = vec![0u8; MAX_HEADER];
    let mut seen = 0;
    loop {
        let peeked = tokio::time::timeout_at(deadline, stream.peek(&mut buf)).await;
        let Ok(peeked) = peeked else { return Ok(None) };
        let n = peeked.map_err(|_| HeaderRefusal::Unfinished)?;
        if n == 0 {
            return Err(HeaderRefusal::Unfinished); // closed
        }
        match parse(&buf[..n]) {
            Parsed::Incomplete if n >= MAX_HEADER => return Err(HeaderRefusal::Malformed),
            Parsed::Incomplete => {
                // peek returns at once while any byte is there: wait for more.
                if n == seen && tokio::time::Instant::now() >= deadline {
                    return Ok(None);
                }
                seen = n;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            parsed => return Ok(Some(parsed)),
        }
    }
}

/// Consumes exactly `len` bytes (the header, already in the socket).
async fn consume(stream: &TcpStream, len: usize) -> Result<(), HeaderRefusal> {
    let mut left = len;
    let mut buf = [0u8; MAX_HEADER];
    while left > 0 {
        stream
            .readable()
            .await
            .map_err(|_| HeaderRefusal::Unfinished)?;
        match stream.try_read(&mut buf[..left]) {
            Ok(0) => return Err(HeaderRefusal::Unfinished),
            Ok(n) => left -= n,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => return Err(HeaderRefusal::Unfinished),
        }
    }
    Ok(())
}

/// The address a connection comes from: the header's client address when `peer` is a trusted
/// proxy, `peer` itself otherwise. The proxy's health checks (a LOCAL or UNKNOWN header) are
/// closed at once: their address is the proxy's, which no limit or log should count.
pub async fn client_address(
    stream: &TcpStream,
    peer: SocketAddr,
    proxy: &ProxyProtocol,
) -> Result<SocketAddr, HeaderRefusal> {
    if !proxy.trusted.contains(&peer.ip()) {
        return match peek_parsed(stream, SNIFF_WITHIN).await {
            Ok(Some(Parsed::Header { .. } | Parsed::Malformed)) => Err(HeaderRefusal::Untrusted),
            // Unfinished: the client closed or waits for the server's version line.
            Ok(_) | Err(HeaderRefusal::Unfinished) => Ok(peer),
            Err(refusal) => Err(refusal),
        };
    }
    match peek_parsed(stream, HEADER_WITHIN).await? {
        Some(Parsed::Header { len, source }) => {
            consume(stream, len).await?;
            source.ok_or(HeaderRefusal::Local)
        }
        Some(Parsed::NotHeader) => Err(HeaderRefusal::Missing),
        Some(Parsed::Malformed) => Err(HeaderRefusal::Malformed),
        Some(Parsed::Incomplete) | None => Err(HeaderRefusal::Unfinished),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn v2_header(source: SocketAddr, destination: SocketAddr) -> Vec<u8> {
        v2::Builder::with_addresses(
            v2::Version::Two | v2::Command::Proxy,
            v2::Protocol::Stream,
            (source, destination),
        )
        .build()
        .expect("a v2 header")
    }

    #[test]
    fn parses_v1_and_v2_and_tells_ssh_from_headers() {
        let v1 = b"PROXY TCP4 127.0.0.2 127.0.0.1 40000 2222\r\nSSH-2.0-x\r\n";
        assert_eq!(
            parse(v1),
            Parsed::Header {
                len: 43,
                source: Some("127.0.0.2:40000".parse().unwrap())
            }
        );
        let mut v2 = v2_header(
            "127.0.0.3:40001".parse().unwrap(),
            "127.0.0.1:2222".parse().unwrap(),
        );
        let len = v2.len();
        v2.extend_from_slice(b"SSH-2.0-x\r\n");
        assert_eq!(
            parse(&v2),
            Parsed::Header {
                len,
                source: Some("127.0.0.3:40001".parse().unwrap())
            }
        );
        assert_eq!(parse(&v2[..10]), Parsed::Incomplete);
        assert_eq!(parse(b"PROXY TCP4 127.0"), Parsed::Incomplete);
        assert_eq!(
            parse(b"PROXY UNKNOWN\r\n"),
            Parsed::Header {
                len: 15,
                source: None
            }
        );
        assert_eq!(parse(b"SSH-2.0-OpenSSH_9.2\r\n"), Parsed::NotHeader);
        assert_eq!(
            parse(b"PROXY TCP4 nonsense here 1 2\r\n"),
            Parsed::Malformed
        );
    }

    /// A connected pair on loopback: the server side (accepted) and the client side.
    async fn pair(from: [u8; 4]) -> (TcpStream, SocketAddr, TcpStream) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::from((from, 0))).unwrap();
        let client = socket
            .connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (server, peer) = listener.accept().await.unwrap();
        (server, peer, client)
    }

    fn trusting(ip: [u8; 4]) -> ProxyProtocol {
        ProxyProtocol {
            trusted: vec![IpAddr::from(ip)],
        }
    }

    #[tokio::test]
    async fn a_trusted_proxys_header_gives_the_client_and_leaves_the_ssh_bytes() {
        let (server, peer, mut client) = pair([127, 0, 0, 1]).await;
        let client_addr: SocketAddr = "127.0.0.9:50000".parse().unwrap();
        let mut bytes = v2_header(client_addr, "127.0.0.1:2222".parse().unwrap());
        bytes.extend_from_slice(b"SSH-2.0-test\r\n");
        client.write_all(&bytes).await.unwrap();
        let got = client_address(&server, peer, &trusting([127, 0, 0, 1])).await;
        assert_eq!(got, Ok(client_addr));
        let mut server = server;
        let mut rest = [0u8; 14];
        server.read_exact(&mut rest).await.unwrap();
        assert_eq!(&rest, b"SSH-2.0-test\r\n");
    }

    #[tokio::test]
    async fn a_trusted_proxy_without_a_header_is_refused() {
        let (server, peer, mut client) = pair([127, 0, 0, 1]).await;
        client.write_all(b"SSH-2.0-test\r\n").await.unwrap();
        let got = client_address(&server, peer, &trusting([127, 0, 0, 1])).await;
        assert_eq!(got, Err(HeaderRefusal::Missing));
    }

    #[tokio::test]
    async fn a_header_from_an_untrusted_address_is_refused() {
        let (server, peer, mut client) = pair([127, 0, 0, 5]).await;
        client
            .write_all(b"PROXY TCP4 10.0.0.1 127.0.0.1 1 2222\r\n")
            .await
            .unwrap();
        let got = client_address(&server, peer, &trusting([127, 0, 0, 1])).await;
        assert_eq!(got, Err(HeaderRefusal::Untrusted));
    }

    #[tokio::test]
    async fn a_direct_client_elsewhere_keeps_its_own_address() {
        let (server, peer, mut client) = pair([127, 0, 0, 5]).await;
        client.write_all(b"SSH-2.0-test\r\n").await.unwrap();
        let got = client_address(&server, peer, &trusting([127, 0, 0, 1])).await;
        assert_eq!(got, Ok(peer));
        // One that sends nothing (waits for the server's version) gets in too.
        let (server, peer, _client) = pair([127, 0, 0, 6]).await;
        let got = client_address(&server, peer, &trusting([127, 0, 0, 1])).await;
        assert_eq!(got, Ok(peer));
    }
}
