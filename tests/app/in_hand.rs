//! The customer in hand through `App::update`: found by id, read, come
//! back to with `R`, and the one every key acts on.

use crate::copying::copied;
use crate::support::draw::render;
use crate::support::update::{answer_all, ctrl, key, loaded, type_text};
use customers::api::{ApiError, Customer};
use customers::tui::action::{Action, Command, Job, TerminalWrite};
use customers::tui::app::{App, Focus, Severity};
use ratatui::crossterm::event::KeyCode;

#[test]
fn id_lookup_shows_the_customer_or_keeps_the_prompt() {
    let (mut app, store) = loaded(100);
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, " nope ");
    let commands = key(&mut app, KeyCode::Enter);
    assert_eq!(commands, vec![Command::Work(Job::Lookup { seq: 1, id: "nope".into() })]);
    app.update(Action::LookedUp { seq: 1, result: Err(ApiError::NotFound { id: "nope".into() }) });
    assert_eq!(app.focus(), Focus::IdPrompt);
    assert_eq!(app.id_prompt().value(), " nope ", "what was typed is kept");
    assert_eq!(app.status().notice, Some((Severity::Error, "No customer with id \"nope\"".into())));

    ctrl(&mut app, 'u');
    // A customer the list does not show (not in its loaded rows).
    let wanted = Customer { id: "elsewhere-77".into(), ..store.row(77) };
    type_text(&mut app, &wanted.id);
    key(&mut app, KeyCode::Enter);
    // A late answer to the first lookup is ignored.
    app.update(Action::LookedUp { seq: 1, result: Ok(store.row(3)) });
    assert!(app.account().looked_up.is_none());
    app.update(Action::LookedUp { seq: 2, result: Ok(wanted.clone()) });
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.detail_customer(), Some(&wanted));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.detail_customer(), Some(&store.row(1)), "moving the selection shows the selected row again");

    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status().notice.as_ref().map(|n| n.0), Some(Severity::Error), "an empty id is refused without a request");
}

#[test]
fn a_customer_found_by_id_stays_when_the_selected_rows_page_arrives() {
    let (mut app, store) = loaded(1000);
    let end = key(&mut app, KeyCode::End);
    assert!(app.customers().selected_customer().is_none(), "the last page is on its way");
    // A customer the list does not show (one it shows is selected there).
    let found = Customer { id: "elsewhere-7".into(), ..store.row(7) };
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &found.id);
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Ok(found.clone()) });
    assert_eq!(app.detail_customer(), Some(&found));
    answer_all(&mut app, &store, end);
    assert!(app.customers().selected_customer().is_some(), "the selected row is loaded now");
    assert_eq!(app.detail_customer(), Some(&found), "the looked-up customer stays until the selection moves");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.detail_customer(), Some(&store.row(998)));
}

#[test]
fn a_customer_found_by_id_is_in_hand_only_while_it_is_drawn() {
    let (mut app, store) = loaded(1000);
    let found = Customer { id: "elsewhere-7".into(), ..store.row(7) };
    let look_up = |app: &mut App, seq| {
        key(app, KeyCode::Char(':'));
        type_text(app, &found.id);
        key(app, KeyCode::Enter);
        app.update(Action::LookedUp { seq, result: Ok(found.clone()) });
    };
    // 40x12: the list and the detail pane do not both fit.
    app.update(Action::Resize(40, 12));
    look_up(&mut app, 1);
    assert!(render(&app).contains("elsewhere-7"), "drawn in the detail pane:\n{}", render(&app));
    // Back to the list, which alone is drawn: its selected row is in hand.
    key(&mut app, KeyCode::Esc);
    let screen = render(&app);
    assert!(screen.contains("row 1 of 1,000") && !screen.contains("elsewhere-7"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", store.row(0).id), "the row drawn as selected");
    // Wide, found again and back to the list: the detail pane still shows
    // it beside the list, so it stays in hand; narrowed, the detail pane
    // is the one drawn, since keys act on it.
    app.update(Action::Resize(120, 40));
    look_up(&mut app, 2);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.detail_customer(), Some(&found));
    app.update(Action::Resize(40, 12));
    assert!(render(&app).contains("elsewhere-7"), "the customer in hand is drawn:\n{}", render(&app));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", "elsewhere-7"));
}

#[test]
fn customers_read_or_looked_up_come_back_with_capital_r() {
    let (mut app, store) = loaded(100);
    let kept = |commands: &[Command]| {
        commands.iter().find_map(|c| match c {
            Command::Keep { kept: customers::tui::action::Kept::RecentlyViewed, lines } => Some(lines.clone()),
            _ => None,
        })
    };
    // Moving over rows is not viewing; reading the detail is.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert!(app.account().viewed.entries().is_empty());
    let read = key(&mut app, KeyCode::Enter);
    assert_eq!(kept(&read), Some(vec![store.row(2).id]), "the ids, and only the ids, to keep");
    key(&mut app, KeyCode::Esc);
    // A lookup by id is viewing too.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(40).id);
    let lookup = key(&mut app, KeyCode::Enter);
    let [Command::Work(Job::Lookup { seq, .. })] = lookup[..] else { panic!("a lookup: {lookup:?}") };
    let found = app.update(Action::LookedUp { seq, result: Ok(store.row(40)) });
    assert_eq!(kept(&found), Some(vec![store.row(40).id, store.row(2).id]));
    key(&mut app, KeyCode::Esc);
    // R lists them newest first; typing filters; Enter looks the pick up afresh.
    key(&mut app, KeyCode::Char('R'));
    assert_eq!(app.overlays().len(), 1);
    type_text(&mut app, &store.row(2).first_name);
    let picked = key(&mut app, KeyCode::Enter);
    assert!(app.overlays().is_empty());
    let [Command::Work(Job::Lookup { seq, ref id })] = picked[..] else { panic!("a lookup: {picked:?}") };
    assert_eq!(*id, store.row(2).id);
    app.update(Action::LookedUp { seq, result: Ok(store.row(2)) });
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(2).id));
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.account().viewed.ids(), [store.row(2).id, store.row(40).id], "it went first again");
}

/// One customer in hand. A customer looked up by id whom the list shows is
/// selected in the list (the header's position, the highlight, `yy` and
/// the detail all say the same one); one it does not show is shown alone,
/// the list's highlight marked as not the one in hand, and `yy` copies the
/// one drawn in the detail pane. The `:` prompt opens empty.
#[test]
fn a_customer_looked_up_is_the_one_in_hand_everywhere() {
    let (mut app, store) = loaded(1000);
    let copy_default = |app: &mut App| {
        key(app, KeyCode::Char('y'));
        key(app, KeyCode::Char('y'))
            .into_iter()
            .find_map(|c| match c {
                Command::Terminal(TerminalWrite::Copy { text, .. }) => Some(text),
                _ => None,
            })
            .expect("a copy")
    };
    // Listed (row 3 of the loaded page): its row is selected.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(3).id);
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Ok(store.row(3)) });
    assert_eq!(app.customers().selected(), 3, "the list selects the customer found");
    assert!(app.in_hand_is_listed());
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(3).id));
    key(&mut app, KeyCode::Esc);
    assert_eq!(copy_default(&mut app), store.row(3).id, "yy copies the customer highlighted");

    // Not listed: shown alone; the list's highlight is not the one in hand.
    let elsewhere = Customer { id: "elsewhere-1".into(), ..store.row(900) };
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &elsewhere.id);
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Ok(elsewhere.clone()) });
    assert!(!app.in_hand_is_listed());
    assert_eq!(app.detail_customer(), Some(&elsewhere));
    assert_eq!(copy_default(&mut app), "elsewhere-1", "y acts on the customer drawn in the detail pane");

    // A failed id is kept while the prompt is open, not when it opens again.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "nope");
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Err(ApiError::NotFound { id: "nope".into() }) });
    assert_eq!(app.id_prompt().value(), "nope", "kept for correcting");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(':'));
    assert_eq!(app.id_prompt().value(), "", "the prompt opens empty");
}

/// Looks `customer` up by id with `:` as a user does, answered with them.
pub(crate) fn look_up(app: &mut App, customer: Customer) {
    key(app, KeyCode::Char(':'));
    type_text(app, &customer.id);
    let commands = key(app, KeyCode::Enter);
    let [Command::Work(Job::Lookup { seq, .. })] = commands[..] else { panic!("a lookup: {commands:?}") };
    app.update(Action::LookedUp { seq, result: Ok(customer) });
}
