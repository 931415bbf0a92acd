//! Copying and opening through `App::update`: the copy menu, `yy`, what
//! leaves the app exactly and cleaned, and `o` and `m`.

use crate::in_hand::look_up;
use crate::support::draw::render;
use crate::support::update::{key, loaded, type_text};
use customers::tui::action::{Action, Command, Job, TerminalWrite};
use customers::tui::app::{App, Focus, Severity};
use ratatui::crossterm::event::KeyCode;

pub(crate) fn copied(what: &str, text: impl Into<String>) -> Vec<Command> {
    vec![Command::Terminal(TerminalWrite::Copy { what: what.into(), text: text.into() })]
}

#[test]
fn yy_copies_the_id_or_the_field_as_y_did() {
    let (mut app, store) = loaded(10);
    assert!(key(&mut app, KeyCode::Char('y')).is_empty(), "y asks what");
    assert_eq!(app.overlays().len(), 1);
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", store.row(0).id));
    assert!(app.overlays().is_empty());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("email", store.row(0).email), "the highlighted field");
}

#[test]
fn the_copy_menu_copies_each_value_exactly_and_says_what() {
    let (mut app, store) = loaded(10);
    let c = store.row(0);
    let pick = |app: &mut App, letter: char| {
        key(app, KeyCode::Char('y'));
        key(app, KeyCode::Char(letter))
    };
    assert_eq!(pick(&mut app, 'i'), copied("id", c.id.clone()));
    assert_eq!(pick(&mut app, 'e'), copied("email", c.email.clone()));
    assert_eq!(pick(&mut app, 'n'), copied("full name", c.full_name()));
    assert!(
        app.status().notice.as_ref().is_some_and(|(_, t)| t == "Copied full name (terminal clipboard, OSC 52)"),
        "{:?}",
        app.status().notice
    );
    // The record: JSON that reads back as the same customer.
    let [Command::Terminal(TerminalWrite::Copy { text, .. })] = &pick(&mut app, 'r')[..] else { panic!("one copy") };
    assert_eq!(serde_json::from_str::<customers::api::Customer>(text).expect("JSON"), c);
    // The row: the line `-o csv` prints for it, without its header.
    let [Command::Terminal(TerminalWrite::Copy { text, .. })] = &pick(&mut app, 'c')[..] else { panic!("one copy") };
    let mut csv = Vec::new();
    customers::output::format::one(customers::output::format::Format::Csv, Default::default(), &c, &mut csv).expect("csv");
    assert_eq!(Some(text.as_str()), String::from_utf8(csv).expect("utf-8").lines().nth(1));
    // A null field copies nothing, and says so; Enter picks the highlighted line.
    assert!(c.phone.is_none(), "the first demo customer has no phone");
    assert!(pick(&mut app, 'p').is_empty());
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.contains("phone is empty")), "{:?}", app.status().notice);
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Enter), copied("email", c.email.clone()));
    // Esc copies nothing.
    key(&mut app, KeyCode::Char('y'));
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert!(app.overlays().is_empty());
}

#[test]
fn glyphs_are_drawn_portably_until_measured_but_copied_exactly() {
    let (mut app, _) = loaded(10);
    let ada = customers::server::hostile::customers().into_iter().find(|c| c.id.ends_with("-glyphs")).expect("the glyphs customer");
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &ada.id);
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Ok(ada.clone()) });
    assert!(render(&app).contains("Ada 👩💻 LoveGBlace"), "portable before the probe answers:\n{}", render(&app));
    app.update(Action::GlyphsMeasured(customers::glyphs::Glyphs::EXACT));
    assert!(render(&app).contains("Ada 👩\u{200D}💻 Love🇬🇧lace"), "as it is once measured:\n{}", render(&app));
    app.update(Action::GlyphsMeasured(customers::glyphs::Glyphs::PORTABLE));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("name", "Ada 👩\u{200D}💻 Love🇬🇧lace"), "the data itself");
}

#[test]
fn capital_o_and_m_open_only_web_photos_and_mail_and_show_the_url_first() {
    let (mut app, store) = loaded(100);
    // The first demo customer with a photo, and one without.
    let with = (0..100).find(|&i| store.row(i).photo.is_some()).expect("a demo customer with a photo");
    let photo = store.row(with).photo.expect("photo");
    for _ in 0..with {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(key(&mut app, KeyCode::Char('O')), vec![Command::Work(Job::Open(photo.clone()))]);
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Info && *t == format!("Opening {photo}")),
        "{:?}",
        app.status().notice
    );
    let email = store.row(with).email;
    assert_eq!(key(&mut app, KeyCode::Char('m')), vec![Command::Work(Job::Open(format!("mailto:{email}")))]);
    key(&mut app, KeyCode::Char('g'));
    assert!(store.row(0).photo.is_none());
    assert!(key(&mut app, KeyCode::Char('O')).is_empty(), "no photo, nothing opened");
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.contains("no photo")),
        "{:?}",
        app.status().notice
    );
    // A hostile record's URL is refused with a message, never opened.
    let mut evil = customers::server::hostile::customers().into_iter().find(|c| c.photo.is_some()).expect("a hostile photo");
    for (url, opened) in [("file:///etc/passwd", false), ("javascript:alert(1)", false), ("https://ok.example/p.png", true)] {
        evil.photo = Some(url.into());
        look_up(&mut app, evil.clone());
        assert_eq!(app.focus(), Focus::Detail);
        let commands = key(&mut app, KeyCode::Char('O'));
        assert_eq!(!commands.is_empty(), opened, "{url}: {commands:?}");
        if !opened {
            assert!(
                app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.starts_with("Not opened")),
                "{:?}",
                app.status().notice
            );
        }
    }
}

/// `y t` copies a ticket line (issue 35, 4): `Name <email> · id` by
/// default, the config's `copy_template` when it sets one, cleaned like every
/// copy; one line each for the marked, in the order on screen. A template
/// naming a field that does not exist is said with its line, the default
/// used.
#[test]
fn y_t_copies_a_ticket_line_from_the_template() {
    use crate::support::app_with;
    use crate::support::update::loaded_from;
    let (mut app, store) = loaded(10);
    let c = store.row(0);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('t')), copied("ticket line", format!("{} <{}> · {}", c.full_name(), c.email, c.id)));
    // The config's form.
    let file = customers::config::parse("copy_template = \"#{id}: {name} ({country})\"\n").expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    let (mut app, store) = loaded_from(app_with(120, 40, |s| s.copy_template = settings.copy_template.clone()), 10);
    let (first, second) = (store.row(0), store.row(1));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(
        key(&mut app, KeyCode::Char('t')),
        copied("ticket line", format!("#{}: {} ({})", first.id, first.full_name(), first.country))
    );
    // The marked: one line each, in the table's order.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('y'));
    let lines = [&first, &second].map(|c| format!("#{}: {} ({})", c.id, c.full_name(), c.country)).join("\n");
    assert_eq!(key(&mut app, KeyCode::Char('t')), copied("2 ticket lines", lines));
    // A field the template cannot name: said with its line, the default used.
    let file = customers::config::parse("mouse = true\ncopy_template = \"{name} {mail}\"\n").expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    assert_eq!(settings.problems.len(), 1, "{:?}", settings.problems);
    assert!(settings.problems[0].starts_with("line 2: copy_template: {mail} is not a field"), "{:?}", settings.problems);
    assert_eq!(settings.copy_template, Default::default());
}

/// `o` opens the customer in hand in the dashboard (issue 35, 1): the
/// config's `dashboard_url`, the profile in use's own first, the id
/// percent-encoded; without one, it says how to set it up and opens
/// nothing; `O` still opens the photo.
#[test]
fn o_opens_the_customer_in_the_dashboard_of_the_account_in_use() {
    use crate::support::app_with;
    use crate::support::update::loaded_from;
    let (mut app, store) = loaded(10);
    assert!(key(&mut app, KeyCode::Char('o')).is_empty(), "no dashboard_url: nothing opened");
    let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    assert!(said.contains("set dashboard_url = ") && said.contains("O opens the photo"), "{said}");
    let file = customers::config::parse(
        "dashboard_url = \"https://console.example.com/customers/{id}\"\n[profiles.other]\ntoken = \"t\"\ndashboard_url = \"https://other.example.com/c?email={email}\"\n",
    )
    .expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    let (mut app, store2) = loaded_from(app_with(120, 40, |s| s.dashboards = settings.dashboards.clone()), 10);
    let c = store2.row(0);
    assert_eq!(
        key(&mut app, KeyCode::Char('o')),
        vec![Command::Work(Job::Open(format!("https://console.example.com/customers/{}", c.id)))]
    );
    let _ = store;
    // A bad one is said with its line and not used.
    let file = customers::config::parse("mouse = true\ndashboard_url = \"http://example.com/{id}\"\n").expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    assert!(
        settings.problems.first().is_some_and(|p| p.starts_with("line 2: dashboard_url: http:// is taken for this machine only")),
        "{:?}",
        settings.problems
    );
    assert_eq!(settings.dashboards.top, None);
    // The profile in use's own: the email percent-encoded.
    let file = customers::config::parse(
        "dashboard_url = \"https://console.example.com/customers/{id}\"\n[profiles.other]\ntoken = \"t\"\ndashboard_url = \"https://other.example.com/c?email={email}\"\n",
    )
    .expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    let other = customers::config::Profile { name: "other".into(), live: false, api_url: "http://other.example".into() };
    let app = App::from_settings(false, (120, 40), &settings, Some(other), Default::default());
    let (mut app, store3) = loaded_from(app, 10);
    let email = store3.row(0).email.replace('@', "%40").replace('.', "%2E");
    assert_eq!(key(&mut app, KeyCode::Char('o')), vec![Command::Work(Job::Open(format!("https://other.example.com/c?email={email}")))]);
}

/// With no customer on screen (an account with none), each key that acts
/// on the customer in hand says so and does nothing: `y`, `o` (with a
/// dashboard set), `O` and `m`.
#[test]
fn keys_for_the_customer_in_hand_say_when_there_is_none() {
    use crate::support::app_with;
    use crate::support::update::loaded_from;
    let file = customers::config::parse("dashboard_url = \"https://console.example.com/customers/{id}\"\n").expect("config");
    let settings = customers::tui::settings::resolve(Some(&file), &Default::default());
    let (mut app, _) = loaded_from(app_with(120, 40, |s| s.dashboards = settings.dashboards.clone()), 0);
    assert!(render(&app).contains("No customers yet"), "{}", render(&app));
    let said = |app: &App| app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    // Each open key after a copy, so that each is seen saying its own.
    for k in ['o', 'O', 'm'] {
        assert!(key(&mut app, KeyCode::Char('y')).is_empty() && app.overlays().is_empty(), "y: no menu");
        assert_eq!(said(&app), "No customer on screen to copy: find one first");
        assert!(key(&mut app, KeyCode::Char(k)).is_empty(), "{k}: nothing opened");
        assert_eq!(said(&app), "No customer on screen to open: find one first", "{k}");
    }
}
