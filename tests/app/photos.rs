//! Customer photos over real HTTP on 127.0.0.1: the photo client against
//! the demo server (its generated photos and `--hostile` images) and a
//! recording server on another origin, and the app's `p` through its real
//! dispatch.

use std::time::Duration;

use crate::support::session::*;
use crate::support::*;
use axum::Router;
use axum::routing::get;
use customers::photo_fetch::{PhotoClient, PhotoError, decode};
use customers::server::ServerConfig;
use customers::server::media_paths::HOSTILE_KINDS;
use customers::tui::account::photo_box::{Mode, Photos, Shown};
use customers::tui::action::{Action, Command, Job};
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

const QUIET: Duration = Duration::from_millis(300);
const LIMIT: Duration = Duration::from_secs(20);

fn client() -> PhotoClient {
    PhotoClient::new(Duration::from_secs(5)).expect("photo client")
}

#[tokio::test]
async fn a_demo_photo_is_fetched_and_decoded() {
    let server = demo(200).await;
    let api = client_for(&server);
    let page = api.list(&customers::api::ListQuery::page(1, Some(100))).await.expect("a page");
    let with_photo = page.results.iter().filter_map(|c| c.photo.clone()).find(|p| p.contains("/media/photos/")).expect("a demo photo");
    assert!(with_photo.starts_with(&server.base_url), "absolute, on the demo server: {with_photo}");
    let bytes = client().fetch(&with_photo).await.expect("fetched");
    let image = decode(&bytes).expect("decoded");
    assert!(image.width() > 0);
    assert_eq!(client().fetch(&format!("{}/media/photos/nobody.png", server.base_url)).await, Err(PhotoError::Status(404)));
}

#[tokio::test]
async fn each_hostile_image_gives_its_message() {
    let server = demo_with(ServerConfig { customers: 10, hostile: true, ..ServerConfig::default() }).await;
    let quick = PhotoClient::new(Duration::from_millis(800)).expect("client");
    let patient = PhotoClient::new(Duration::from_secs(30)).expect("client");
    for kind in HOSTILE_KINDS {
        let url = format!("{}/media/hostile/{kind}", server.base_url);
        // A short timeout only for the one that stalls (the large one takes
        // the server a moment to make, once).
        let fetcher = if kind == "slow.png" { &quick } else { &patient };
        let result = match fetcher.fetch(&url).await {
            Ok(bytes) => decode(&bytes).map(|_| ()),
            Err(e) => Err(e),
        };
        let expected = match kind {
            "large.png" => {
                assert_eq!(result, Ok(()), "the largest picture taken");
                continue;
            }
            "bomb.png" => PhotoError::TooManyPixels(20_000, 20_000),
            "huge.png" => PhotoError::TooManyPixels(65_535, 65_535),
            "html.png" => PhotoError::NotImage("image/png that is not one".into()),
            "to-file.png" => PhotoError::BadRedirect,
            "svg.svg" => PhotoError::NotImage("image/svg+xml".into()),
            "big.png" => PhotoError::TooLarge,
            "slow.png" => PhotoError::Timeout,
            "truncated.png" => {
                assert!(matches!(result, Err(PhotoError::Undecodable(_))), "{kind}: {result:?}");
                continue;
            }
            other => panic!("a hostile kind without a check: {other}"),
        };
        assert_eq!(result, Err(expected), "{kind}");
    }
    // Not web addresses at all.
    for url in ["file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://x/y.png", "/media/x.png"] {
        assert_eq!(client().fetch(url).await, Err(PhotoError::NotWeb), "{url}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_photo_host_never_sees_the_token_and_p_shows_the_photo() {
    // The photos live on another origin, which records what reaches it and
    // sets a cookie; the API sets one too and records the cookies it gets.
    let (photo_origin, seen) = photo_recorder().await;
    let photo = format!("{photo_origin}/img/ana.png");
    let row = json!({"id": "c1", "first_name": "Ana", "last_name": "Photo", "email": "ana@x.y", "photo": photo, "country": "AR"});
    let api_cookies: Cookies = Cookies::default();
    let log = api_cookies.clone();
    let api = serve(Router::new().route(
        "/v1/customers/",
        get(move |headers: axum::http::HeaderMap| {
            let row = row.clone();
            log.lock().expect("lock").push(headers.get("cookie").and_then(|v| v.to_str().ok()).map(str::to_owned));
            async move {
                let page = axum::Json(json!({"count": 1, "next": null, "previous": null, "results": [row]}));
                ([(axum::http::header::SET_COOKIE, "api_session=api-secret; Path=/")], page)
            }
        }),
    ))
    .await;
    let client = customers::api::Client::new(&api, customers::api::Secret::new("sekrit-token"), fast_options()).expect("client");
    let mut s = Session::start(client, false, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("photo: p loads it"), "asked, never fetched on its own:\n{text}");
    assert!(seen.lock().expect("lock").is_empty(), "no request to the photo's host before p");

    // Twice: the second fetch would carry a cookie the first was given.
    for _ in 0..2 {
        press(&mut s, KeyCode::Char('p'));
        assert!(screen(&s).contains("photo: loading…"));
        dispatch_until(&mut s, LIMIT, |a| matches!(a, Action::PhotoLoaded { .. }).then_some(())).await;
        let text = screen(&s);
        assert!(text.contains('▀') || text.contains('▄'), "the photo in half blocks:\n{text}");
    }
    // The API again, after the photo host set its cookie.
    press(&mut s, KeyCode::Char('r'));
    assert!(s.settle(QUIET, LIMIT).await);

    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    for (path, auth, cookie) in &seen {
        assert_eq!(path, "/img/ana.png");
        assert_eq!((auth, cookie), (&None, &None), "no token, no cookie (the API's nor its own) for the photo's host");
    }
    let api_cookies = api_cookies.lock().expect("lock").clone();
    assert!(api_cookies.len() >= 2, "the list was asked again: {api_cookies:?}");
    assert!(api_cookies.iter().all(Option::is_none), "no cookie (the photo host's nor its own) for the API: {api_cookies:?}");
}

/// The Cookie header of each request a server got.
type Cookies = std::sync::Arc<std::sync::Mutex<Vec<Option<String>>>>;

/// What reached the photo host: path, Authorization, Cookie.
type PhotoRequests = std::sync::Arc<std::sync::Mutex<Vec<(String, Option<String>, Option<String>)>>>;

/// A server that answers every request with a real PNG and a cookie, and
/// records the path, Authorization and Cookie headers.
async fn photo_recorder() -> (String, PhotoRequests) {
    let seen = PhotoRequests::default();
    let log = seen.clone();
    let router = Router::new().fallback(move |req: axum::extract::Request| {
        let log = log.clone();
        async move {
            let header = |name| req.headers().get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok()).map(str::to_owned);
            log.lock().expect("lock").push((req.uri().path().to_owned(), header("authorization"), header("cookie")));
            let png = customers::server::media::identicon("ana").expect("png");
            ([(axum::http::header::CONTENT_TYPE, "image/png"), (axum::http::header::SET_COOKIE, "track=1; Path=/")], png)
        }
    });
    (serve(router).await, seen)
}

#[test]
fn the_kept_photos_are_bounded_and_go_when_their_customer_scrolls_away() {
    let mut photos = Photos::new(Mode::Ask);
    let customer = |i: usize| customers::api::Customer {
        id: format!("c{i}"),
        photo: Some(format!("http://x/{i}.png")),
        ..crate::support::chaos::row(i)
    };
    let max = customers::tui::account::photo_box::MAX_KEPT;
    for i in 0..40 {
        let commands = photos.load(&customer(i), false);
        assert!(matches!(commands.last(), Some(Command::Work(Job::LoadPhoto { .. }))), "{commands:?}");
        // A load dropped over the bound is cancelled, never left running.
        let dropped = (i >= max).then(|| Command::Work(Job::CancelPhotos(vec![format!("c{}", i - max)])));
        assert_eq!(commands.first().filter(|_| commands.len() == 2), dropped.as_ref(), "{i}");
    }
    assert_eq!(photos.len(), customers::tui::account::photo_box::MAX_KEPT);
    assert_eq!(photos.shown(&customer(0)), Shown::NotLoaded, "the oldest went first");
    assert_eq!(photos.shown(&customer(39)), Shown::Loading);
    assert!(photos.load(&customer(39), false).is_empty(), "never asked twice");
    assert!(photos.load(&customer(39), true).is_empty(), "not even with p while it loads");
    let cancelled = photos.keep_only(|id, _| id == "c39");
    assert_eq!(photos.len(), 1);
    assert_eq!(cancelled.len(), customers::tui::account::photo_box::MAX_KEPT - 1, "their loads are cancelled");
    let off = Photos::new(Mode::Off);
    assert_eq!(off.shown(&customer(1)), Shown::Nothing);
}

/// Keys racing through customers whose photos are all 4,096 pixels square
/// (64 MB each while decoding), against a real server, in auto mode: the
/// photos of the customers moved past are never fetched to the end nor
/// decoded (their loads are cancelled), and only the shown customer's
/// arrives. Before, each one moved past was fetched and decoded at once,
/// side by side (1.7 GB for 60 moves).
#[tokio::test]
async fn racing_through_large_photos_loads_only_the_one_shown() {
    let server = demo_with(ServerConfig { customers: 40, large_photos: true, ..ServerConfig::default() }).await;
    let app = crate::support::app_with(120, 40, |s| s.images = Mode::Auto);
    let mut s = Session::with_app(client_for(&server), app);
    assert!(s.settle(QUIET, LIMIT).await);
    for _ in 0..20 {
        press(&mut s, KeyCode::Char('j'));
    }
    let shown = s.app.detail_customer().expect("a customer").id.clone();
    let mut others = Vec::new();
    let deadline = tokio::time::Instant::now() + LIMIT;
    loop {
        let action = tokio::time::timeout_at(deadline, s.next_result()).await.expect("the shown customer's photo in time").expect("alive");
        if let Action::PhotoLoaded { id, .. } = &action {
            if *id == shown {
                break;
            }
            others.push(id.clone());
        }
        s.dispatch(action);
    }
    // Nothing else comes later either.
    while let Ok(Some(action)) = tokio::time::timeout(std::time::Duration::from_millis(700), s.next_result()).await {
        if let Action::PhotoLoaded { id, .. } = &action {
            others.push(id.clone());
        }
    }
    assert!(others.is_empty(), "photos of customers moved past were loaded: {others:?}");
}
