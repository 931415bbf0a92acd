//! The HTTP client of the Customers API: one `reqwest::Client`, timeouts, a
//! body cap, retries with backoff, and the rule that the token only ever
//! goes to the configured origin.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Once};
use std::time::Duration;

use futures::Stream;
use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue, LOCATION, RETRY_AFTER, WWW_AUTHENTICATE};
use reqwest::{StatusCode, redirect};
use serde::de::DeserializeOwned;
use url::Url;

use super::auth::{Auth, AuthScheme, Credentials};
use super::body::{ReadError, is_json, read_capped};
use super::envelope::Envelope;
use super::error::{ApiError, clean, describe_error_body, describe_junk, unauthorized_reason};
use super::model::{Customer, Page};
use super::query::{ListQuery, PageRef};

/// Tunables of the client; the defaults suit the hosted service.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    /// Longest wait for any single read from the server.
    pub read_timeout: Duration,
    /// Longest a whole request may take.
    pub request_timeout: Duration,
    /// Answers larger than this are refused (a page of 100 customers with
    /// generous metadata is well under 1 MiB).
    pub max_body_bytes: usize,
    /// Retries after the first attempt, for retryable failures only.
    pub max_retries: u32,
    /// First backoff delay; doubled on every retry.
    pub backoff: Duration,
    /// A server asking to wait longer than this gets an error instead.
    pub max_retry_wait: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
            max_retries: 3,
            backoff: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(30),
        }
    }
}

/// Told before each retry, so a UI can say "retrying in 4 s".
#[derive(Debug, Clone)]
pub struct RetryNotice {
    pub delay: Duration,
    pub cause: ApiError,
}

type RetryHook = Arc<dyn Fn(&RetryNotice) + Send + Sync>;
type SchemeHook = Arc<dyn Fn(AuthScheme) + Send + Sync>;

/// The most pages one walk asks for, whatever the count says: 5 million
/// customers at 100 a page (a count that lies must not make a walk
/// endless).
const MAX_WALK_PAGES: u64 = 50_000;

/// Items an offset page holds when neither the query nor the server says.
const DEFAULT_LIMIT: u64 = 10;

/// How the server pages its list, as seen in its answers.
#[derive(Debug, Default)]
struct Paging {
    /// An answer came in the offset shape.
    offsets: std::sync::atomic::AtomicBool,
    /// The server's own page size, seen when none was asked (0: not seen).
    default_limit: std::sync::atomic::AtomicU64,
}

impl Paging {
    /// The default limit to ask with, when the list is paged by offsets.
    fn offset_limit(&self) -> Option<u64> {
        use std::sync::atomic::Ordering::Relaxed;
        self.offsets.load(Relaxed).then(|| Some(self.default_limit.load(Relaxed)).filter(|l| *l > 0).unwrap_or(DEFAULT_LIMIT))
    }

    fn saw_offsets(&self) {
        self.offsets.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    fn saw_default(&self, limit: u64) {
        self.default_limit.store(limit, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Which endpoint a request was for, to tell the kinds of 404 apart.
#[derive(Clone, Copy)]
enum Endpoint<'a> {
    List,
    Detail(&'a str),
}

/// Client of one Customers API base URL. Cheap to clone: clones share the
/// connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    /// `base` + `v1/customers/` and `authentication/token/`, joined once.
    customers: Url,
    token_url: Url,
    auth: Arc<Auth>,
    /// What the list answers were seen to be paged with (shared by clones).
    paging: Arc<Paging>,
    options: Arc<ClientOptions>,
    on_retry: Option<RetryHook>,
    on_scheme: Option<SchemeHook>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base", &self.base.as_str()).field("credentials", &self.auth.credentials).finish()
    }
}

/// rustls needs a process-wide crypto provider; we pick ring (pure Rust build,
/// no system OpenSSL).
pub(crate) fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race to another installer is fine: some provider is set.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

impl Client {
    /// A client for `base` (e.g. `https://api.4geeks.io` or
    /// `http://127.0.0.1:8080/prefix`). Paths are resolved under it.
    pub fn new(base: &str, credentials: impl Into<Credentials>, options: ClientOptions) -> Result<Self, ApiError> {
        install_crypto_provider();
        let mut base = Url::parse(base.trim()).map_err(|e| ApiError::Transport(format!("API URL {:?} is not a URL: {e}", clean(base))))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(ApiError::Transport(format!("API URL {} must be http:// or https:// with a host", clean(base.as_str()))));
        }
        base.set_query(None);
        base.set_fragment(None);
        // One credential is sent, the token: a user name and password in
        // the URL would go too, as Basic auth (and show in every message).
        let _ = base.set_username("");
        let _ = base.set_password(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let origin = base.origin();
        // Follow redirects only within the configured origin: the token must
        // never be handed to another host.
        let policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 5 {
                attempt.error("too many redirects")
            } else if attempt.url().origin() == origin {
                attempt.follow()
            } else {
                attempt.stop()
            }
        });
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .timeout(options.request_timeout)
            .redirect(policy)
            .user_agent(concat!("customers/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Transport(clean(&e.to_string())))?;
        let join = |path: &str| base.join(path).map_err(|e| ApiError::Transport(format!("API URL cannot take paths: {e}")));
        let (customers, token_url) = (join("v1/customers/")?, join("authentication/token/")?);
        Ok(Self {
            http,
            base,
            customers,
            token_url,
            auth: Arc::new(Auth::new(credentials.into())),
            paging: Arc::default(),
            options: Arc::new(options),
            on_retry: None,
            on_scheme: None,
        })
    }

    /// Calls `hook` before every retry.
    pub fn with_retry_hook(mut self, hook: impl Fn(&RetryNotice) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(hook));
        self
    }

    /// Calls `hook` when the server refused the API key in its configured
    /// scheme and took it in another (see [`scheme_notice`]).
    pub fn with_scheme_hook(mut self, hook: impl Fn(AuthScheme) + Send + Sync + 'static) -> Self {
        self.on_scheme = Some(Arc::new(hook));
        self
    }

    /// The configured base URL (always ending in `/`).
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    fn origin_label(&self) -> String {
        self.base.origin().ascii_serialization()
    }

    fn list_url(&self, query: &ListQuery) -> Url {
        let mut url = self.customers.clone();
        match self.paging.offset_limit() {
            Some(default_limit) => query.apply_offset(&mut url, default_limit),
            None => query.apply(&mut url),
        }
        url
    }

    /// One page of the customer list, whichever shape the server answers
    /// in. An offset answer (`items`, `total_items`) switches this client
    /// to `limit`/`offset` for good; when it holds other items than the
    /// page asked (a server that ignored `page` or `page_size`), the page
    /// is asked again that way, once. Its `next`/`previous` links are made here, on the
    /// configured origin.
    pub async fn list(&self, query: &ListQuery) -> Result<Page<Customer>, ApiError> {
        let asked_in_offsets = self.paging.offset_limit().is_some();
        let envelope: Envelope<Customer> = self.get_json(self.list_url(query), Endpoint::List).await?;
        let Some(window) = envelope.window else { return Ok(Page::from_envelope(envelope)) };
        let limit = query.page_size.map(u64::from).or(window.limit).unwrap_or(DEFAULT_LIMIT).max(1);
        if query.page_size.is_none() {
            self.paging.saw_default(limit);
        }
        self.paging.saw_offsets();
        let wanted = match query.page {
            PageRef::Number(n) => n.saturating_sub(1).saturating_mul(limit),
            PageRef::Last => window.offset,
        };
        let sized = query.page_size.is_none() || window.limit.is_none_or(|l| l == limit);
        let envelope = if window.offset == wanted && (sized || asked_in_offsets) {
            envelope
        } else if !asked_in_offsets {
            tracing::info!("the list answers in offsets: asking again with limit and offset");
            let again: Envelope<Customer> = self.get_json(self.list_url(query), Endpoint::List).await?;
            match again.window {
                Some(w) if w.offset == wanted => again,
                _ => return Err(ApiError::Decode { detail: format!("the server answered another part of the list than offset {wanted}") }),
            }
        } else {
            return Err(ApiError::Decode { detail: format!("the server answered offset {} for offset {wanted}", window.offset) });
        };
        Ok(self.offset_page(envelope, query, limit))
    }

    /// An offset answer as a page, its links made on the configured origin
    /// (in the page vocabulary [`ListQuery::from_link`] reads), in pages of
    /// the size the server answered with (it may cap what was asked), so
    /// that a walk misses no item.
    fn offset_page(&self, envelope: Envelope<Customer>, query: &ListQuery, limit: u64) -> Page<Customer> {
        let offset = envelope.window.map_or(0, |w| w.offset);
        let limit = envelope.window.and_then(|w| w.limit).filter(|l| *l > 0 && offset.is_multiple_of(*l)).unwrap_or(limit);
        let n = offset / limit + 1;
        let size = u32::try_from(limit).ok();
        let link = |page: u64| {
            let mut url = self.customers.clone();
            ListQuery { page: PageRef::Number(page), page_size: size, search: query.search.clone() }.apply(&mut url);
            url.to_string()
        };
        let shown = u64::try_from(envelope.results.len()).unwrap_or(u64::MAX);
        let end = offset.saturating_add(shown);
        Page {
            count: envelope.count,
            next: (shown > 0 && end < envelope.count).then(|| link(n.saturating_add(1))),
            previous: (n > 1).then(|| link(n - 1)),
            results: envelope.results,
        }
    }

    /// The page a `next`/`previous` link names, fetched from the configured
    /// origin whatever host the link spells (see [`ListQuery::from_link`]).
    pub async fn follow(&self, link: &str) -> Result<Page<Customer>, ApiError> {
        let query = ListQuery::from_link(link)?;
        if let Ok(url) = Url::parse(link)
            && url.origin() != self.base.origin()
        {
            tracing::warn!(link_origin = %clean(&url.origin().ascii_serialization()), "pagination link names another origin; using only its query");
        }
        self.list(&query).await
    }

    /// One customer by id. The id is opaque: it is percent-encoded as a
    /// single path segment, and refused when no route could match it.
    pub async fn get(&self, id: &str) -> Result<Customer, ApiError> {
        let url = self.customer_url(id)?;
        self.get_json(url, Endpoint::Detail(id)).await
    }

    /// The URL of one customer, or why there cannot be one.
    pub fn customer_url(&self, id: &str) -> Result<Url, ApiError> {
        if id.is_empty() {
            return Err(ApiError::EmptyId);
        }
        // DRF's default lookup pattern is `[^/.]+`.
        if id.contains(['/', '.']) {
            return Err(ApiError::UnroutableId { id: clean(id) });
        }
        let mut url = self.customers.clone();
        url.path_segments_mut().map_err(|_| ApiError::Transport("API URL cannot have paths".into()))?.pop_if_empty().push(id).push("");
        Ok(url)
    }

    /// Every page of `query`, in order, as a stream: one page of rows in
    /// memory at a time. The list may change while it is walked: a customer
    /// seen earlier in the walk (rows shifted under us) is dropped, so none
    /// comes twice (what is kept is a keyed 64-bit hash per id: 8 bytes a
    /// customer). The walk ends at the last page: a link that does not move
    /// forward, or that points past the pages the count allows, ends it; a
    /// list that grows faster than it is read ends it with
    /// [`ApiError::Unsettled`] after twice the pages it first needed.
    pub fn walk(&self, query: ListQuery) -> impl Stream<Item = Result<Page<Customer>, ApiError>> + '_ {
        struct State {
            next: Option<ListQuery>,
            last_page: u64,
            /// Pages this walk may ask for: twice what the first answer's
            /// count needs, and ten more; past that the list grows faster
            /// than it is read and the walk would never end.
            budget: Option<u64>,
            asked: u64,
            seen: HashSet<u64>,
            hasher: RandomState,
        }
        let start = State { next: Some(query), last_page: 0, budget: None, asked: 0, seen: HashSet::new(), hasher: RandomState::new() };
        futures::stream::unfold(start, move |mut state| async move {
            let query = state.next.take()?;
            if state.budget.is_some_and(|b| state.asked >= b) {
                return Some((Err(ApiError::Unsettled { pages: state.asked }), state));
            }
            state.asked = state.asked.saturating_add(1);
            let mut page = match self.list(&query).await {
                Ok(page) => page,
                Err(e) => return Some((Err(e), state)),
            };
            if let PageRef::Number(n) = query.page {
                state.last_page = n;
            }
            // Pages the count allows at the size this page came in (loose on a
            // short last page, which is all it needs to be).
            let size = u64::try_from(page.results.len()).unwrap_or(u64::MAX).max(1);
            let pages = page.count.div_ceil(size).max(1);
            state.budget.get_or_insert(pages.saturating_mul(2).saturating_add(10).min(MAX_WALK_PAGES));
            let State { seen, hasher, .. } = &mut state;
            page.results.retain(|c| seen.insert(hasher.hash_one(&c.id)));
            // A page with nothing new (empty, or every row seen: a count that
            // lies) ends the walk, as the last page does.
            if page.results.is_empty() {
                state.next = None;
                return Some((Ok(page), state));
            }
            state.next = match page.next.as_deref().map(ListQuery::from_link) {
                Some(Ok(next)) => match next.page {
                    PageRef::Number(n) if n > state.last_page && n <= pages.saturating_add(1) => Some(next),
                    _ => None,
                },
                Some(Err(e)) => return Some((Err(e), state)),
                None => None,
            };
            Some((Ok(page), state))
        })
    }

    async fn get_json<T: DeserializeOwned>(&self, url: Url, endpoint: Endpoint<'_>) -> Result<T, ApiError> {
        let mut attempt = 0;
        let mut renewed = false;
        let mut discovered = false;
        loop {
            // The token endpoint's failures are retried like the API's.
            let (token, result) = match self.credential().await {
                Ok(Presented { token, header, scheme }) => {
                    let mut answer = self.fetch(&url, header).await;
                    // An API key refused as it was sent: the other schemes,
                    // once per client (see `discover`).
                    if let (Some(sent), Ok(refused)) = (scheme, &answer)
                        && refused.status == StatusCode::UNAUTHORIZED
                        && !discovered
                    {
                        discovered = true;
                        answer = self.discover(&url, sent, refused).await;
                    }
                    (token, answer.and_then(|a| self.decode(a, endpoint)))
                }
                Err(e) => (None, Err(e)),
            };
            let err = match result {
                Ok(v) => return Ok(v),
                // A token bought with client credentials was refused (expired
                // early, revoked): buy a new one, once. Only the token this
                // request sent is forgotten: a request of the same burst
                // refused later must not drop the one renewed meanwhile.
                Err(ApiError::Unauthorized { .. }) if self.auth.renewable() && !renewed => {
                    renewed = true;
                    if let Some(refused) = &token {
                        self.auth.invalidate(refused).await;
                    }
                    continue;
                }
                Err(e) if !e.is_retryable() || attempt >= self.options.max_retries => return Err(e),
                Err(e) => e,
            };
            let delay = match err.retry_after() {
                Some(wait) if wait > self.options.max_retry_wait => return Err(err),
                Some(wait) => wait,
                None => self.options.backoff.saturating_mul(2u32.saturating_pow(attempt)).min(self.options.max_retry_wait),
            };
            attempt += 1;
            tracing::info!(path = url.path(), attempt, ?delay, error = %err, "retrying");
            if let Some(hook) = &self.on_retry {
                hook(&RetryNotice { delay, cause: err });
            }
            tokio::time::sleep(delay).await;
        }
    }

    /// The header the next request authenticates with.
    async fn credential(&self) -> Result<Presented, ApiError> {
        if let Credentials::ApiKey { key, .. } = &self.auth.credentials {
            let scheme = self.auth.key_scheme().await;
            return Ok(Presented { token: None, header: Some(scheme.header(key.expose())?), scheme: Some(scheme) });
        }
        let token = self.auth.bearer(&self.http, &self.token_url, self.options.max_body_bytes).await?;
        let header = token.as_ref().map(|t| AuthScheme::Bearer.header(t.expose())).transpose()?;
        Ok(Presented { token, header, scheme: None })
    }

    /// The server refused the API key as `sent`: asks `url` again with each
    /// other scheme, the one its `WWW-Authenticate` names first, until one
    /// is taken, and keeps that one for every later request. Done once per
    /// client: requests refused meanwhile wait and use what it found; no
    /// scheme is tried twice, and only the configured origin is asked.
    async fn discover(&self, url: &Url, sent: AuthScheme, refused: &Answer) -> Result<Answer, ApiError> {
        let Credentials::ApiKey { key, .. } = &self.auth.credentials else { return Ok(refused.clone()) };
        let mut keys = self.auth.key_state().await;
        if keys.scheme != sent {
            // Another request found the scheme while this one was refused.
            return self.fetch(url, Some(keys.scheme.header(key.expose())?)).await;
        }
        if keys.tried {
            return Ok(refused.clone());
        }
        let named = refused.headers.get(WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()).and_then(AuthScheme::from_challenge);
        let order = named.into_iter().chain(AuthScheme::ALL).filter(|s| *s != sent);
        let mut tried = vec![sent];
        let mut last = refused.clone();
        for scheme in order {
            if tried.contains(&scheme) {
                continue;
            }
            tried.push(scheme);
            // A failure to reach the server ends the search without
            // settling it: the next refusal searches again.
            let answer = self.fetch(url, Some(scheme.header(key.expose())?)).await?;
            if answer.status != StatusCode::UNAUTHORIZED {
                tracing::info!(scheme = scheme.label(), "the server took the API key in another scheme");
                keys.scheme = scheme;
                keys.tried = true;
                self.auth.found(scheme);
                if let Some(hook) = &self.on_scheme {
                    hook(scheme);
                }
                return Ok(answer);
            }
            last = answer;
        }
        keys.tried = true;
        Ok(last)
    }

    /// The scheme the server was found to take the API key in, when it
    /// refused the configured one and took another.
    pub fn found_scheme(&self) -> Option<AuthScheme> {
        self.auth.found_scheme()
    }

    /// For `config check`: each scheme, and whether the server takes the
    /// API key in it (`None`: no API key is in use). One request a scheme,
    /// to the configured origin only.
    pub async fn schemes_taken(&self) -> Option<Vec<(AuthScheme, Result<bool, ApiError>)>> {
        let Credentials::ApiKey { key, .. } = &self.auth.credentials else { return None };
        let url = self.list_url(&ListQuery::page(1, Some(1)));
        let mut taken = Vec::new();
        for scheme in AuthScheme::ALL {
            let answer = match scheme.header(key.expose()) {
                Ok(header) => self.fetch(&url, Some(header)).await,
                Err(e) => Err(e),
            };
            taken.push((scheme, answer.map(|a| a.status != StatusCode::UNAUTHORIZED)));
        }
        Some(taken)
    }

    /// One GET of `url` with `header`: the status, headers and (capped)
    /// body, whatever the status.
    async fn fetch(&self, url: &Url, header: Option<(HeaderName, HeaderValue)>) -> Result<Answer, ApiError> {
        let mut request = self.http.get(url.clone()).header(ACCEPT, "application/json");
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        let started = std::time::Instant::now();
        let mut response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_capped(&mut response, self.options.max_body_bytes).await.map_err(|e| match e {
            ReadError::TooLarge => ApiError::TooLarge { limit: self.options.max_body_bytes },
            ReadError::Http(e) => self.transport_error(&e),
        })?;
        tracing::debug!(
            path = url.path(),
            status = status.as_u16(),
            bytes = body.len(),
            ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "GET"
        );
        Ok(Answer { status, headers, body })
    }

    /// An answer as the value it holds, or the error its status says.
    fn decode<T: DeserializeOwned>(&self, answer: Answer, endpoint: Endpoint<'_>) -> Result<T, ApiError> {
        let Answer { status, headers, body } = answer;
        if status.is_success() {
            // One record with a lone surrogate must not fail its page.
            let body = super::surrogates::mend(&body);
            return serde_json::from_slice(&body).map_err(|e| ApiError::Decode { detail: describe_junk(&headers, &body, &e) });
        }
        Err(self.status_error(status, &headers, &body, endpoint))
    }

    fn transport_error(&self, e: &reqwest::Error) -> ApiError {
        if e.is_timeout() {
            ApiError::Timeout
        } else if e.is_connect() {
            ApiError::Connect { origin: self.origin_label() }
        } else if e.is_redirect() {
            ApiError::Transport("too many redirects".into())
        } else if e.is_body() || e.is_decode() {
            ApiError::Dropped { origin: self.origin_label() }
        } else {
            // reqwest errors name the URL, which holds no secret (the token
            // travels in a header); the source chain says what failed.
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg = format!("{msg}: {s}");
                source = s.source();
            }
            ApiError::Transport(clean(&msg))
        }
    }

    fn status_error(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], endpoint: Endpoint<'_>) -> ApiError {
        let json = is_json(headers) || serde_json::from_slice::<serde_json::Value>(body).is_ok();
        let detail = describe_error_body(status, headers, body);
        match status.as_u16() {
            300..=399 => ApiError::Redirected {
                location: clean(headers.get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("?")),
                origin: self.origin_label(),
            },
            400 => ApiError::BadRequest { detail },
            401 if matches!(self.auth.credentials, Credentials::ApiKey { .. }) => {
                ApiError::KeyRejected { reason: unauthorized_reason(headers) }
            }
            401 => ApiError::Unauthorized { reason: unauthorized_reason(headers) },
            403 => ApiError::Forbidden { detail },
            // A JSON 404 is DRF speaking; HTML means the URL is wrong.
            404 if json => match endpoint {
                Endpoint::List => ApiError::InvalidPage,
                Endpoint::Detail(id) => ApiError::NotFound { id: clean(id) },
            },
            404 => ApiError::NoSuchEndpoint { url: clean(self.base.as_str()), what: detail },
            429 => ApiError::Throttled { retry_after: retry_after(headers) },
            500..=599 => ApiError::Server { status: status.as_u16(), detail },
            code => ApiError::Unexpected { status: code, detail },
        }
    }
}

/// What authenticates one request: the header, the bearer token in it (to
/// forget when refused) or the API key scheme it sends the key in.
struct Presented {
    token: Option<crate::api::Secret>,
    header: Option<(HeaderName, HeaderValue)>,
    scheme: Option<AuthScheme>,
}

/// A whole answer, before its status is judged.
#[derive(Clone)]
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// What to tell the user when the server took the API key in `scheme`
/// rather than the configured one.
pub fn scheme_notice(scheme: AuthScheme) -> String {
    format!("the server took the key as {}; add auth_scheme = \"{}\" to the config to skip this", scheme.label(), scheme.config_name())
}

/// `Retry-After` in seconds (the HTTP-date form is rare for APIs; it is
/// treated as absent, which falls back to our own backoff).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let secs: u64 = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Secret;

    fn client() -> Client {
        Client::new("http://127.0.0.1:9/api", Credentials::None, ClientOptions::default()).unwrap()
    }

    #[test]
    fn ids_are_one_encoded_segment() {
        let c = client();
        assert_eq!(c.customer_url("a b?c#d%e").unwrap().as_str(), "http://127.0.0.1:9/api/v1/customers/a%20b%3Fc%23d%25e/");
        assert_eq!(c.customer_url("李").unwrap().path(), "/api/v1/customers/%E6%9D%8E/");
        assert!(matches!(c.customer_url("../admin"), Err(ApiError::UnroutableId { .. })));
        assert!(matches!(c.customer_url("a/b"), Err(ApiError::UnroutableId { .. })));
        assert_eq!(c.customer_url(""), Err(ApiError::EmptyId));
    }

    #[test]
    fn base_gets_trailing_slash_and_rejects_non_http() {
        assert_eq!(client().base_url().as_str(), "http://127.0.0.1:9/api/");
        assert!(Client::new("ftp://x", Credentials::None, ClientOptions::default()).is_err());
        assert!(Client::new("nonsense", Credentials::None, ClientOptions::default()).is_err());
    }

    #[test]
    fn debug_hides_the_token() {
        let c = Client::new("http://h", Some(Secret::new("s3cret")), ClientOptions::default()).unwrap();
        assert!(!format!("{c:?}").contains("s3cret"));
        let c = Client::new("http://h", Credentials::Client { id: "me".into(), secret: Secret::new("s3cret") }, ClientOptions::default())
            .unwrap();
        assert!(!format!("{c:?}").contains("s3cret"));
    }
}
