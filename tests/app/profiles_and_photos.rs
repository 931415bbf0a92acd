//! Profiles and photos through `App::update`: a switch keeps nothing of
//! the old account, the header names the server, and photos load when
//! asked and go when scrolled away.

use crate::support::draw::render;
use crate::support::update::{answer_all, fetches, key, loaded, loaded_from, rows, type_text};
use customers::api::Page;
use customers::tui::action::{Action, Command, Job, TerminalWrite};
use customers::tui::app::{App, Severity};
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn a_profile_switch_keeps_the_customer_by_id_and_nothing_of_the_old_account() {
    use customers::api::{Client, ClientOptions, Secret};
    use customers::config::Profile;
    use customers::tui::panes::header::Badge;
    use customers::tui::profiles::Connected;
    let profile = |name: &str, live| Profile { name: name.into(), live, api_url: format!("http://{name}.example") };
    let mut settings = customers::tui::settings::resolve(None, &Default::default());
    settings.profiles = vec![profile("live", true), profile("test", false)];
    let app = App::from_settings(false, (120, 40), &settings, Some(profile("test", false)), Default::default());
    let (mut app, store) = loaded_from(app, 1000);
    assert_eq!(app.badge(), Badge::Profile { name: "test", live: false, server: None });
    // A search shown and left: its rows are kept to come back to at once.
    key(&mut app, KeyCode::Char('/'));
    let typed = type_text(&mut app, "ann");
    answer_all(&mut app, &store, typed);
    let Some(Command::Work(Job::Debounce { seq, .. })) =
        app.update(Action::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE))).pop()
    else {
        panic!("a debounce")
    };
    let sent = app.update(Action::DebounceElapsed { seq });
    answer_all(&mut app, &store, sent);
    // Enter to the results: the search joins the history; Esc clears it.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.account().history.queries(), ["anna"]);
    key(&mut app, KeyCode::Esc);
    assert!(!app.customers().sets.recent.is_empty());
    // A mark on the old account.
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.account().marks.len(), 1);
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('j'));
    }
    let kept = app.customers().selected_customer().expect("row 6").id.clone();
    // Read on the old account: it joins the recently viewed.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.account().viewed.ids(), vec![kept.clone()]);
    // The picker opens on the profile in use: Enter out of habit switches
    // nothing.
    key(&mut app, KeyCode::Char('P'));
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "no switch");
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.contains("test is the one in use")), "{:?}", app.status().notice);
    // A lookup still on its way from the old account.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(3).id);
    let lookup = key(&mut app, KeyCode::Enter);
    let Some(Command::Work(Job::Lookup { seq, .. })) = lookup.first().cloned() else { panic!("{lookup:?}") };
    let old = app.customers().sets.list.generation;
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "live");
    let asked = key(&mut app, KeyCode::Enter);
    assert_eq!(asked, vec![Command::Work(Job::ConnectProfile("live".into()))], "the client is made by the worker");
    assert!(app.overlays().is_empty());
    // A switch that fails keeps everything.
    app.update(Action::ProfileConnected { name: "live".into(), result: Err("no token".into()) });
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.contains("Cannot switch to profile live: no token"))
    );
    assert_eq!(app.customers().sets.list.len(), 1000);

    let client = Client::new("http://live.example", Secret::new("t"), ClientOptions::default()).expect("client");
    let connected = Connected { client, profile: profile("live", true) };
    // Picked again (the failure above closed that switch); an answer for
    // a profile not picked last is dropped.
    key(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "live");
    key(&mut app, KeyCode::Enter);
    let other = Connected { client: connected.client.clone(), profile: profile("test", false) };
    assert!(app.update(Action::ProfileConnected { name: "test".into(), result: Ok(other) }).is_empty());
    assert_eq!(app.customers().sets.list.len(), 1000);
    let commands = app.update(Action::ProfileConnected { name: "live".into(), result: Ok(connected.clone()) });
    assert_eq!(commands.first(), Some(&Command::Work(Job::UseProfile(Box::new(connected)))), "the worker's client first, then the fetches");
    let new = app.customers().sets.list.generation;
    assert_ne!(new, old);
    assert!(commands.contains(&Command::Work(Job::CancelFetchesExcept(vec![new]))), "{commands:?}");
    assert_eq!(fetches(&commands), vec![(new, 1, String::new())], "the same query, asked of the new account");
    assert_eq!(app.customers().sets.list.len(), 0, "no row of the old account under the new one's name");
    assert!(app.customers().sets.recent.is_empty(), "nor the old account's searches, to come back to");
    assert!(app.account().viewed.entries().is_empty(), "nor its recently viewed");
    assert!(app.account().history.queries().is_empty(), "nor its search history");
    assert!(app.account().marks.is_empty(), "nor its marks");
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: None });
    // Late answers from the old account are not taken.
    let late = Ok(Page { count: 1000, next: None, previous: None, results: rows(&store, 0, PAGE_SIZE) });
    app.update(Action::PageLoaded { generation: old, page: 1, page_size: PAGE_SIZE, result: late });
    assert_eq!(app.customers().sets.list.len(), 0);
    app.update(Action::LookedUp { seq, result: Ok(store.row(3)) });
    assert!(app.account().looked_up.is_none(), "the old account's lookup is dropped");
    // The new account has the same customer: selected again, by id.
    answer_all(&mut app, &store, commands);
    assert_eq!(app.customers().selected_customer().map(|c| c.id.clone()), Some(kept));
}

#[test]
fn photos_load_on_p_or_as_shown_in_auto_mode_and_go_when_scrolled_away() {
    use customers::tui::account::photo_box::{Mode, Shown};
    let (mut app, store) = loaded(1000);
    let with_photo = (1..PAGE_SIZE).find(|&i| store.row(i).photo.is_some()).expect("a photo on page 1");
    let mut commands = Vec::new();
    for _ in 0..with_photo {
        commands.extend(key(&mut app, KeyCode::Char('j')));
    }
    assert!(!commands.iter().any(|c| matches!(c, Command::Work(Job::LoadPhoto { .. }))), "asked for, never on its own: {commands:?}");
    let customer = app.customers().selected_customer().expect("selected").clone();
    assert_eq!(app.account().photos.shown(&customer), Shown::NotLoaded);
    let asked = key(&mut app, KeyCode::Char('p'));
    let url = customer.photo.clone().expect("url");
    assert_eq!(asked, vec![Command::Work(Job::LoadPhoto { id: customer.id.clone(), url: url.clone() })]);

    // A kitty picture: its upload goes to the terminal as it arrives, and
    // again with Ctrl-l; the cells hold placeholders only.
    let kitty = customers::tui::graphics::Graphics { protocol: customers::tui::graphics::Protocol::Kitty, cell: (10, 20) };
    let picture = customers::photo_fetch::decode(&customers::server::media::identicon(&customer.id).expect("png")).expect("decoded");
    let photo = customers::tui::photo::cells_for(picture, kitty).expect("cells");
    let upload = photo.upload().expect("kitty uploads");
    assert!(upload.starts_with("\x1b_Gq=2,i=") && upload.contains("a=T,U=1") && upload.ends_with("\x1b\\"), "{}", &upload[..40]);
    let answered = app.update(Action::PhotoLoaded { id: customer.id.clone(), url, result: Ok(photo) });
    assert_eq!(answered, vec![Command::Terminal(TerminalWrite::Picture(upload.clone()))]);
    let redraw = app.update(Action::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)));
    assert_eq!(redraw, vec![Command::Terminal(TerminalWrite::Redraw), Command::Terminal(TerminalWrite::Picture(upload))]);
    // Cells of another size (a font change): it goes, and the terminal is
    // told to forget its picture; p loads it again.
    let dropped = app.update(Action::CellSizeChanged);
    assert!(
        matches!(&dropped[..], [Command::Terminal(TerminalWrite::Picture(bytes))] if bytes.starts_with("\x1b_Gq=2,a=d,d=I,i=")),
        "{dropped:?}"
    );
    assert_eq!(app.account().photos.shown(&customer), Shown::NotLoaded);
    assert!(app.account().photos.forget_uploads().is_empty(), "forgotten once, not again at the end");

    // Auto: shown, fetched; scrolled out of view, dropped and cancelled.
    let (mut app, _) = loaded_from(crate::support::app_with(120, 40, |s| s.images = Mode::Auto), 1000);
    let mut commands = Vec::new();
    for _ in 0..with_photo {
        commands.extend(key(&mut app, KeyCode::Char('j')));
    }
    assert_eq!(commands.iter().filter(|c| matches!(c, Command::Work(Job::LoadPhoto { .. }))).count(), 1, "{commands:?}");
    // A font change while it loads: cancelled, and asked for again.
    let again = app.update(Action::CellSizeChanged);
    assert!(
        matches!(&again[..], [Command::Work(Job::CancelPhotos(ids)), Command::Work(Job::LoadPhoto { id, .. })] if ids == &vec![customer.id.clone()] && id == &customer.id),
        "{again:?}"
    );
    let moved = key(&mut app, KeyCode::End);
    assert!(moved.iter().any(|c| matches!(c, Command::Work(Job::CancelPhotos(ids)) if ids == &vec![customer.id.clone()])), "{moved:?}");
    assert!(app.account().photos.is_empty());
}

/// However fast the keys come, only the shown customer's photo is on its
/// way: a move cancels the load of the customer moved past (a 4,096-pixel
/// photo takes 64 MB to decode), in auto mode and after `p` alike. A photo
/// already here stays while its customer is in view.
#[test]
fn only_the_shown_customer_s_photo_loads_and_a_move_cancels_the_others() {
    use customers::tui::account::photo_box::Mode;
    let (mut app, _) = loaded_from(crate::support::app_with(120, 40, |s| s.images = Mode::Auto), 1000);
    let mut on_their_way: Vec<String> = Vec::new();
    for _ in 0..60 {
        for command in key(&mut app, KeyCode::Char('j')) {
            match command {
                Command::Work(Job::LoadPhoto { id, .. }) => on_their_way.push(id),
                Command::Work(Job::CancelPhotos(ids)) => on_their_way.retain(|id| !ids.contains(id)),
                _ => {}
            }
        }
        let shown = app.detail_customer().expect("a customer").clone();
        let wanted: Vec<String> = shown.photo.iter().map(|_| shown.id.clone()).collect();
        assert_eq!(on_their_way, wanted, "only the shown customer's photo is on its way");
    }
    // Ask mode: p, then a move.
    let (mut app, store) = loaded(1000);
    let with_photo = (1..PAGE_SIZE).find(|&i| store.row(i).photo.is_some()).expect("a photo on page 1");
    for _ in 0..with_photo {
        key(&mut app, KeyCode::Char('j'));
    }
    let id = app.detail_customer().expect("a customer").id.clone();
    assert!(matches!(&key(&mut app, KeyCode::Char('p'))[..], [Command::Work(Job::LoadPhoto { .. })]));
    let moved = key(&mut app, KeyCode::Char('j'));
    assert!(moved.contains(&Command::Work(Job::CancelPhotos(vec![id]))), "{moved:?}");
}

/// The environment or `--api-url` points a profile at another server: the
/// header's badge names that server beside the profile.
#[test]
fn a_profile_pointed_elsewhere_names_the_server_in_the_header() {
    use customers::config::Profile;
    use customers::tui::panes::header::Badge;
    let mut settings = customers::tui::settings::resolve(None, &Default::default());
    settings.profiles = vec![Profile { name: "live".into(), live: true, api_url: "https://api.4geeks.io".into() }];
    let elsewhere = Profile { name: "live".into(), live: true, api_url: "http://127.0.0.1:8080/".into() };
    let (app, _) = loaded_from(App::from_settings(false, (120, 40), &settings, Some(elsewhere), Default::default()), 10);
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: Some("127.0.0.1:8080") });
    let header = render(&app).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("LIVE: live @ 127.0.0.1:8080"), "{header}");
    // Its own server: the name alone.
    let own = Profile { name: "live".into(), live: true, api_url: "https://api.4geeks.io/".into() };
    let (app, _) = loaded_from(App::from_settings(false, (120, 40), &settings, Some(own), Default::default()), 10);
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: None });
}
