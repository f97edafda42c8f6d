//! `kouteki serve`: consultations over SSH. Secure by default: loopback only, and no way in unless
//! keys, an access code or `--allow-anonymous` is given.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::pack_dir::load_content;
use super::{CliError, read_file};
use crate::ssh::access::{
    AccessCode, ConsultantKey, is_authorized, parse_authorized_keys, parse_consultant_keys,
};
use crate::ssh::instance::{InstanceName, Instances, Peer};
use crate::ssh::limits::Caps;
use crate::ssh::proxy::ProxyProtocol;
use crate::ssh::throttle::ThrottleSettings;
use crate::ssh::{AuthPolicy, ServeSettings, Timeouts, host_key};

/// Serve the interview over SSH to the clients of a consultation.
///
/// The README's "Consultations over SSH" says how to set it up; every option's default is listed
/// with it.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; use e.g. 0.0.0.0:2222 to accept clients from other machines.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    pub listen: std::net::SocketAddr,
    /// Let clients log in with the public keys in this OpenSSH authorized_keys file.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Print a fresh random access code at start; clients type it (password or keyboard-interactive).
    #[arg(long)]
    pub access_code: bool,
    /// Use the access code in this file (at least 6 characters) instead of a random one.
    #[arg(long, value_name = "FILE", conflicts_with = "access_code")]
    pub access_code_file: Option<PathBuf>,
    /// Let anyone who can reach the server connect without keys or a code.
    #[arg(long)]
    pub allow_anonymous: bool,
    /// Consultants' public keys (OpenSSH authorized_keys format; each key's comment is the name
    /// clients see): these log in to the consultant console and can ask to join a client's session.
    #[arg(long, value_name = "FILE")]
    pub consultant_keys: Option<PathBuf>,
    /// Time a client has to answer a consultant's request to join (then it is refused).
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = humantime::parse_duration)]
    pub join_timeout: Duration,
    /// Keep a session in memory this long after the client's connection drops, so they can resume
    /// it (0 turns it off: answers are discarded at once).
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = humantime::parse_duration)]
    pub resume_grace: Duration,
    /// Host key file (ed25519, OpenSSH format): used if it exists, generated there (mode 0600) if not
    /// [default: $XDG_DATA_HOME/kouteki/ssh_host_ed25519_key].
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// Save each finished session's answers and report here (mode 0600), only if the client agrees on screen.
    #[arg(long, value_name = "DIR")]
    pub record_dir: Option<PathBuf>,
    /// Most sessions at once.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_sessions: usize,
    /// Most connections still logging in at once (more are closed at once, as OpenSSH's MaxStartups).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_unauthenticated: usize,
    /// Most sessions at once from one IP address.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_per_ip: usize,
    /// New connections a second from one IP address, in the long run (more are closed before the
    /// key exchange; ssh-audit wants under 20).
    #[arg(long, value_name = "RATE", default_value_t = 10.0, value_parser = parse_rate)]
    pub rate_per_ip: f64,
    /// New connections one IP address may open at once before --rate-per-ip applies.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub burst_per_ip: u32,
    /// Wrong access codes from one IP address (within one --penalty) after which it is refused for
    /// --penalty (0: never).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub penalty_after: u32,
    /// How long an IP address that gave --penalty-after wrong access codes is refused.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = humantime::parse_duration)]
    pub penalty: Duration,
    /// Expect a PROXY protocol header (v1 or v2, as HAProxy's send-proxy-v2 sends) from the
    /// --trusted-proxy addresses: the client address in it is the one limits and logs use.
    #[arg(long, requires = "trusted_proxy")]
    pub proxy_protocol: bool,
    /// The load balancers allowed to send PROXY headers (a header from anyone else is refused, and
    /// so is a connection from them without one).
    #[arg(
        long,
        value_name = "ADDR[,ADDR…]",
        value_delimiter = ',',
        requires = "proxy_protocol"
    )]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    /// This instance's name when several run behind a balancer (1 to 4 letters or digits, without
    /// 0, 1, I, L or O): its session codes start with it (B-K7Q-2MP), so a consultant on another
    /// instance can be told where to connect. Without it codes stay XXX-XXX.
    #[arg(long, value_name = "NAME")]
    pub instance: Option<InstanceName>,
    /// Another instance and where consultants reach it directly (NAME=HOST:PORT, e.g.
    /// C=consult.example.jp:2203; repeat or separate with commas): a code of that instance typed at
    /// this console is answered with where to connect. One naming this instance is ignored, so every
    /// instance can be given the same list.
    #[arg(long, value_name = "NAME=HOST:PORT", value_delimiter = ',')]
    pub peer: Vec<Peer>,
    /// Time allowed to log in and start the interview (a connection still without a session then is cut).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    pub login_grace: Duration,
    /// Authentication attempts per connection (each failure is delayed by 1 s).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_auth_attempts: usize,
    /// A session ends after this long without input from the client.
    #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = humantime::parse_duration)]
    pub idle_timeout: Duration,
    /// A session ends after this long in all.
    #[arg(long, value_name = "DURATION", default_value = "4h", value_parser = humantime::parse_duration)]
    pub max_session: Duration,
    /// Keepalive interval (a connection with 3 unanswered keepalives is closed).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    pub keepalive: Duration,
    /// Evaluation date for every session (default: today in Japan when the session starts).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// More log lines (-v debug, -vv trace); RUST_LOG, when set, decides instead.
    #[arg(short, long, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,
    /// Fewer log lines (-q warnings and errors only, -qq errors only).
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub quiet: u8,
    /// Log lines as text for people, or as one JSON object a line for log shippers.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// `2026-12-01T10:00:00Z  INFO connect conn=1 peer=…`.
    Text,
    /// `{"timestamp":…,"level":"INFO","fields":{"message":"connect","conn":1,…}}`.
    Json,
}

/// Runs the server until SIGTERM or Ctrl-C.
pub fn run(rules: Option<&Path>, args: &ServeArgs) -> Result<(), CliError> {
    let (settings, key_origin) = settings(rules, args)?;
    init_logging(args);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Runtime(format!("cannot start: {e}")))?;
    let (auth, host_key) = (settings.auth.clone(), settings.host_key.clone());
    let instances = settings.instances.clone();
    runtime.block_on(async move {
        let listen = settings.listen;
        let server = crate::ssh::start(settings)
            .await
            .map_err(|e| CliError::Runtime(format!("cannot listen on {listen}: {e}")))?;
        announce(server.local_addr, &auth, &host_key, &key_origin);
        announce_instances(&instances);
        tracing::info!(addr = %server.local_addr, "listening");
        wait_for_stop_signal().await;
        tracing::info!("stop requested");
        server.stop().await;
        Ok(())
    })
}

/// Where the host key came from, for the start-up message.
struct KeyOrigin {
    path: PathBuf,
    generated: bool,
}

fn settings(
    rules: Option<&Path>,
    args: &ServeArgs,
) -> Result<(ServeSettings, KeyOrigin), CliError> {
    let content = load_content(rules)?;
    let auth = auth_policy(args)?;
    if !auth.is_configured() {
        return Err(CliError::BadInput(
            "no way to log in: give --authorized-keys FILE and/or --access-code (or --access-code-file), or --allow-anonymous to let anyone who can reach the server connect".into(),
        ));
    }
    let key_path = match &args.host_key {
        Some(path) => path.clone(),
        None => host_key::default_path().ok_or_else(|| {
            CliError::BadInput("no data directory for the host key: give --host-key PATH".into())
        })?,
    };
    let (host_key, generated) =
        host_key::load_or_generate(&key_path).map_err(CliError::BadInput)?;
    let as_of = args
        .as_of
        .as_deref()
        .map(super::eval::parse_as_of)
        .transpose()?;
    if let Some(dir) = &args.record_dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::Runtime(format!("cannot create --record-dir {}: {e}", dir.display()))
        })?;
    }
    let origin = KeyOrigin {
        path: key_path,
        generated,
    };
    let settings = ServeSettings {
        listen: args.listen,
        content,
        host_key,
        auth,
        caps: Caps {
            sessions: args.max_sessions,
            unauthenticated: args.max_unauthenticated,
            per_ip: args.max_per_ip,
        },
        throttle: throttle_settings(args),
        proxy: args.proxy_protocol.then(|| ProxyProtocol {
            trusted: args.trusted_proxy.clone(),
        }),
        instances: Instances::new(args.instance.clone(), args.peer.clone())
            .map_err(CliError::BadInput)?,
        max_auth_attempts: args.max_auth_attempts,
        timeouts: Timeouts {
            login_grace: args.login_grace,
            idle: args.idle_timeout,
            max_session: args.max_session,
            keepalive: args.keepalive,
            join_answer: args.join_timeout,
            resume_grace: args.resume_grace,
            ..Timeouts::default()
        },
        record_dir: args.record_dir.clone(),
        as_of,
    };
    Ok((settings, origin))
}

fn throttle_settings(args: &ServeArgs) -> ThrottleSettings {
    ThrottleSettings {
        rate: args.rate_per_ip,
        burst: args.burst_per_ip,
        penalty_after: args.penalty_after,
        penalty: args.penalty,
    }
}

/// A connection rate: a positive number of connections a second.
fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err(format!(
            "{text:?} is not a positive number of connections a second"
        )),
    }
}

fn auth_policy(args: &ServeArgs) -> Result<AuthPolicy, CliError> {
    let keys = match &args.authorized_keys {
        Some(path) => {
            let text = read_file(path)?;
            let keys = parse_authorized_keys(&text)
                .map_err(|e| CliError::BadInput(format!("{}: {e}", path.display())))?;
            if keys.is_empty() {
                return Err(CliError::BadInput(format!(
                    "{}: no public keys in the file",
                    path.display()
                )));
            }
            keys
        }
        None => Vec::new(),
    };
    let code = match (&args.access_code_file, args.access_code) {
        (Some(path), _) => {
            let text = read_file(path)?;
            Some(
                AccessCode::chosen(text.trim())
                    .map_err(|e| CliError::BadInput(format!("{}: {e}", path.display())))?,
            )
        }
        (None, true) => Some(AccessCode::random()),
        (None, false) => None,
    };
    let consultants = consultant_keys(args)?;
    if let Some(both) = consultants.iter().find(|c| is_authorized(&keys, &c.key)) {
        return Err(CliError::BadInput(format!(
            "the key of consultant {} is also in --authorized-keys: a consultant key is never a client key; use another key for one of them",
            both.name
        )));
    }
    Ok(AuthPolicy {
        keys,
        code,
        anonymous: args.allow_anonymous,
        consultants,
    })
}

/// `--consultant-keys FILE`, each key named by its comment.
fn consultant_keys(args: &ServeArgs) -> Result<Vec<ConsultantKey>, CliError> {
    let Some(path) = &args.consultant_keys else {
        return Ok(Vec::new());
    };
    let text = read_file(path)?;
    let consultants = parse_consultant_keys(&text)
        .map_err(|e| CliError::BadInput(format!("{}: {e}", path.display())))?;
    if consultants.is_empty() {
        return Err(CliError::BadInput(format!(
            "{}: no public keys in the file",
            path.display()
        )));
    }
    Ok(consultants)
}

/// What the consultant needs to give clients, printed once on stdout after the port is bound.
fn announce(
    addr: std::net::SocketAddr,
    auth: &AuthPolicy,
    key: &russh::keys::PrivateKey,
    origin: &KeyOrigin,
) {
    let verb = if origin.generated {
        "generated"
    } else {
        "loaded"
    };
    println!("kouteki serve: listening on {addr}");
    println!(
        "host key ({verb} {}): {}",
        origin.path.display(),
        host_key::fingerprint(key)
    );
    let host = if addr.ip().is_unspecified() {
        "THIS-SERVER".to_string()
    } else {
        addr.ip().to_string()
    };
    println!(
        "clients connect with: ssh -p {} consult@{host}",
        addr.port()
    );
    if let Some(code) = &auth.code {
        println!("access code for this run: {code}");
    }
    if !auth.keys.is_empty() {
        println!("public keys accepted: {}", auth.keys.len());
    }
    if auth.anonymous {
        println!("anonymous access: anyone who can reach {addr} may connect");
    }
    if !auth.consultants.is_empty() {
        let names: Vec<&str> = auth.consultants.iter().map(|c| c.name.as_str()).collect();
        println!("consultants: {}", names.join(", "));
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

/// This instance's name and the others', after [`announce`].
fn announce_instances(instances: &Instances) {
    if let Some(name) = instances.me() {
        println!("instance {name}: session codes look like {name}-K7Q-2MP");
    }
    for peer in instances.peers() {
        println!(
            "codes of instance {}: consultants are sent to {}",
            peer.name,
            peer.address.ssh_command()
        );
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

/// One line per event on stderr; never answers, keys or screen content (none are ever logged).
/// `RUST_LOG` filters as tracing-subscriber's env filter does; without it, -v/-q set the level.
fn init_logging(args: &ServeArgs) {
    let level = match (args.verbose, args.quiet) {
        (0, 0) => "info",
        (1, _) => "debug",
        (v, _) if v > 1 => "trace",
        (_, 1) => "warn",
        _ => "error",
    };
    // The SSH library's and the input parser's debug lines are about bytes on the wire: they stay
    // off whatever the filter says, so no log ever holds what a client typed.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level))
        .add_directive("russh=warn".parse().expect("a valid directive"))
        .add_directive("termwiz=warn".parse().expect("a valid directive"));
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(false);
    let _ = match args.log_format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

async fn wait_for_stop_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let sigterm = async {
        match term.as_mut() {
            Some(s) => {
                s.recv().await;
            }
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = sigterm => {}
    }
}
