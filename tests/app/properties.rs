//! Property tests: whatever a person does (keys, pastes, mouse, resizes down
//! to 0x0) in whatever order results arrive, the app never panics, keeps
//! the selection inside the list and draws; the sanitiser and the width
//! fitting hold their promises for any text.

use customers::api::{ApiError, Page};
use customers::sanitize;
use customers::server::{Store, hostile};
use customers::tui::account::InHand;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::{App, Focus};
use customers::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

/// One thing that can happen to the app.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    /// The worker answers every request made so far.
    Answer,
    /// The worker answers every request made so far, in a shuffled order.
    AnswerShuffled(u64),
    /// The worker answers one request.
    AnswerOne(usize),
    /// The worker fails every request made so far.
    Fail,
    /// Debounce timers fire.
    Timers,
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec!['j', 'k', 'g', 'G', '/', ':', '?', 'q', 'r', 'y', 'a', '1', ' ', 'D', 's', 'C']).prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Delete,
        ]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let mods = prop::sample::select(vec![KeyModifiers::NONE, KeyModifiers::SHIFT, KeyModifiers::ALT, KeyModifiers::CONTROL]);
    let mouse = prop::sample::select(vec![
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Moved,
    ]);
    prop_oneof![
        8 => (key_code(), mods).prop_map(|(c, m)| Step::Key(c, m)),
        1 => prop_oneof![any::<String>(), "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202e}a-z ]{0,40}", Just("x".repeat(20_000))].prop_map(Step::Paste),
        1 => (mouse, 0u16..200, 0u16..80).prop_map(|(k, c, r)| Step::Mouse(k, c, r)),
        1 => (0u16..220, 0u16..70).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => Just(Step::Answer),
        2 => any::<u64>().prop_map(Step::AnswerShuffled),
        2 => any::<usize>().prop_map(Step::AnswerOne),
        1 => Just(Step::Fail),
        2 => Just(Step::Timers),
    ]
}

/// Steps around searches and paging, answered in any order: where answers
/// for a list set aside, a search and a restored list cross.
fn search_step() -> impl Strategy<Value = Step> {
    let key = |c| Step::Key(c, KeyModifiers::NONE);
    prop_oneof![
        3 => prop::sample::select(vec![
            key(KeyCode::PageDown),
            key(KeyCode::Char('G')),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('/')),
            key(KeyCode::Char('a')),
            key(KeyCode::Char('e')),
            key(KeyCode::Backspace),
            key(KeyCode::Enter),
            key(KeyCode::Esc),
            key(KeyCode::Char('r')),
            key(KeyCode::Char(' ')),
            key(KeyCode::Char('s')),
        ]),
        2 => Just(Step::Timers),
        3 => any::<usize>().prop_map(Step::AnswerOne),
        1 => any::<u64>().prop_map(Step::AnswerShuffled),
        1 => Just(Step::Fail),
    ]
}

/// A request to the server: the app shows it is waiting until it is answered.
fn is_request(c: &Command) -> bool {
    matches!(c, Command::Work(Job::FetchPage { .. } | Job::Lookup { .. } | Job::FindAlike { .. } | Job::LoadAll { .. }))
}

struct World {
    app: App,
    store: Store,
    pending: Vec<Command>,
}

impl World {
    fn new() -> Self {
        let store = Store::new(400, 3, hostile::customers());
        let mut app = App::new(false, 80, 24);
        let pending = app.start();
        Self { app, store, pending }
    }

    /// Applies `action`; keeps its commands as the worker would: a
    /// cancellation aborts fetches, a new lookup or debounce replaces the
    /// one before.
    fn apply(&mut self, action: Action) {
        for command in self.app.update(action) {
            match &command {
                Command::Work(Job::CancelFetchesExcept(keep)) => {
                    self.pending.retain(|c| !matches!(c, Command::Work(Job::FetchPage { generation, .. }) if !keep.contains(generation)));
                    continue;
                }
                Command::Work(Job::Lookup { .. }) => self.pending.retain(|c| !matches!(c, Command::Work(Job::Lookup { .. }))),
                Command::Work(Job::Debounce { .. }) => self.pending.retain(|c| !matches!(c, Command::Work(Job::Debounce { .. }))),
                Command::Work(Job::FindAlike { .. }) => self.pending.retain(|c| !matches!(c, Command::Work(Job::FindAlike { .. }))),
                Command::Work(Job::LoadAll { .. }) => self.pending.retain(|c| !matches!(c, Command::Work(Job::LoadAll { .. }))),
                Command::Work(Job::CancelLoadAll) => {
                    self.pending.retain(|c| !matches!(c, Command::Work(Job::LoadAll { .. })));
                    continue;
                }
                _ => {}
            }
            self.pending.push(command);
        }
    }

    /// The worker's answer to `command`: rows from the store, or a failure.
    fn answer(&self, command: Command, ok: bool) -> Option<Action> {
        Some(match command {
            Command::Work(Job::FetchPage { generation, page, query }) if ok => {
                let size = query.page_size.unwrap_or(10) as usize;
                let hits = self.hits(&query.search);
                let results =
                    hits.iter().skip((usize::try_from(page).expect("page") - 1) * size).take(size).map(|&i| self.store.row(i)).collect();
                Action::PageLoaded {
                    generation,
                    page,
                    page_size: size,
                    result: Ok(Page { count: hits.len() as u64, next: None, previous: None, results }),
                }
            }
            Command::Work(Job::FetchPage { generation, page, query }) => Action::PageLoaded {
                generation,
                page,
                page_size: query.page_size.unwrap_or(10) as usize,
                result: Err(ApiError::Server { status: 503, detail: "down".into() }),
            },
            Command::Work(Job::Lookup { seq, id }) if ok => {
                Action::LookedUp { seq, result: self.store.find(&id).ok_or(ApiError::NotFound { id }) }
            }
            Command::Work(Job::Lookup { seq, .. }) => Action::LookedUp { seq, result: Err(ApiError::Timeout) },
            Command::Work(Job::FindAlike { seq, searches }) => {
                let found = searches.iter().flat_map(|q| self.hits(q).into_iter().take(100)).map(|i| self.store.row(i)).collect();
                Action::FoundAlike { seq, found, failed: (!ok).then_some(ApiError::Timeout), cut: false }
            }
            Command::Work(Job::LoadAll { generation, search, .. }) if ok => {
                Action::AllLoaded { generation, result: Ok(self.hits(&search).into_iter().map(|i| self.store.row(i)).collect()) }
            }
            Command::Work(Job::LoadAll { generation, .. }) => Action::AllLoaded { generation, result: Err(ApiError::Timeout) },
            _ => return None,
        })
    }

    /// The store's rows that `search` finds, in the server's order.
    fn hits(&self, search: &str) -> Vec<usize> {
        match self.store.search(search) {
            Some(h) => h.rows(0, usize::MAX),
            None => (0..self.store.len()).collect(),
        }
    }

    /// Takes the requests (fetches, lookups, searches for duplicates,
    /// loads to sort) out of `pending`.
    fn take_requests(&mut self) -> Vec<Command> {
        let (requests, rest) = std::mem::take(&mut self.pending).into_iter().partition(is_request);
        self.pending = rest;
        requests
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Key(code, modifiers) => self.apply(Action::Key(KeyEvent::new(code, modifiers))),
            Step::Paste(text) => self.apply(Action::Paste(text)),
            Step::Mouse(kind, column, row) => self.apply(Action::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })),
            Step::Resize(w, h) => self.apply(Action::Resize(w, h)),
            Step::Answer | Step::Fail | Step::AnswerShuffled(_) => {
                let mut requests = self.take_requests();
                if let Step::AnswerShuffled(seed) = step {
                    fastrand::Rng::with_seed(seed).shuffle(&mut requests);
                }
                for command in requests {
                    // One aborted meanwhile may still answer: a race the app absorbs.
                    if let Some(action) = self.answer(command, !matches!(step, Step::Fail)) {
                        self.apply(action);
                    }
                }
            }
            Step::AnswerOne(i) => {
                let mut requests = self.take_requests();
                if !requests.is_empty() {
                    let command = requests.remove(i % requests.len());
                    self.pending.extend(requests);
                    if let Some(action) = self.answer(command, true) {
                        self.apply(action);
                    }
                }
            }
            Step::Timers => {
                let (timers, rest) =
                    std::mem::take(&mut self.pending).into_iter().partition(|c| matches!(c, Command::Work(Job::Debounce { .. })));
                self.pending = rest;
                for timer in timers {
                    if let Command::Work(Job::Debounce { seq, .. }) = timer {
                        self.apply(Action::DebounceElapsed { seq });
                    }
                }
            }
        }
    }

    fn check(&self) {
        let app = &self.app;
        let len = app.customers().sets.list.len();
        if len == 0 {
            assert_eq!(app.customers().selected(), 0);
        } else {
            assert!(app.customers().selected() < len, "selected {} of {len}", app.customers().selected());
            assert!(
                app.customers().offset() <= app.customers().selected(),
                "offset {} past selection {}",
                app.customers().offset(),
                app.customers().selected()
            );
        }
        if matches!(app.focus(), Focus::Search | Focus::IdPrompt) {
            assert!(app.input_shown(), "a focused text box is on screen");
        }
        assert!(app.search().value().chars().count() <= customers::tui::app::MAX_INPUT_CHARS);
        // Keys act on the customer in hand: where they can, it is drawn (a
        // customer found by id shows only in the detail pane).
        if matches!(app.focus(), Focus::Table | Focus::Detail) && matches!(app.account().in_hand(), InHand::LookedUp(_)) {
            assert!(app.areas().is_none_or(|a| !a.detail.is_empty()), "a customer found by id is in hand but not drawn");
        }
        // No spinner without a reason: once every request is answered (or
        // aborted), nothing shows as loading.
        if !self.pending.iter().any(is_request) {
            assert!(!app.busy(), "loading with nothing on its way: {:?}", app.activity());
        }
        let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height)).expect("terminal");
        terminal.draw(|f| view::draw(f, app)).expect("draw");
        for cell in terminal.backend().buffer().content() {
            assert_eq!(sanitize::sanitize(cell.symbol()), cell.symbol());
        }
    }
}

/// Every code point that must never reach the terminal, a file or the
/// clipboard as it is, written out here apart from the guard
/// (`sanitize::is_unsafe`): C0 controls and DEL, C1 controls (CSI is
/// U+009B), LRM and RLM, the bidi embeddings and overrides (Trojan Source),
/// the isolates, the Arabic letter mark, the line and paragraph
/// separators, the interlinear annotations.
const MUST_NOT_PASS: [(u32, u32); 11] = [
    (0x00, 0x1f),
    (0x7f, 0x7f),
    (0x80, 0x9f),
    (0x200e, 0x200f),
    (0x202a, 0x202e),
    (0x2066, 0x2069),
    (0x061c, 0x061c),
    (0x2028, 0x2028),
    (0x2029, 0x2029),
    (0xfff9, 0xfffb),
    (0x9b, 0x9b),
];

fn must_not_pass(c: char) -> bool {
    MUST_NOT_PASS.iter().any(|(lo, hi)| (*lo..=*hi).contains(&u32::from(c)))
}

/// One character of the table, or one of a few safe ones between them.
fn hostile_char() -> impl Strategy<Value = char> {
    let table: Vec<char> = MUST_NOT_PASS.iter().flat_map(|(lo, hi)| (*lo..=*hi).filter_map(char::from_u32)).collect();
    prop_oneof![
        4 => prop::sample::select(table),
        1 => prop::sample::select(vec!['a', 'Z', ' ', 'é', '李', '\u{200d}', '\u{fe0f}', '👩', '\u{0301}', '=']),
    ]
}

/// The guard rejects each code point of the table, every one of them, and
/// lets the safe neighbours of the ranges through (ZWJ and variation
/// selectors make emoji; U+202F is a space).
#[test]
fn the_guard_rejects_every_code_point_of_the_table() {
    for (lo, hi) in MUST_NOT_PASS {
        for c in (lo..=hi).filter_map(char::from_u32) {
            assert!(sanitize::is_unsafe(c), "U+{:04X} passes the guard", u32::from(c));
            assert!(!sanitize::sanitize(&format!("a{c}b")).contains(c), "U+{:04X} passes sanitize", u32::from(c));
        }
    }
    for c in ['\u{20}', '\u{200d}', '\u{fe0f}', '\u{202f}', '\u{a0}', '\u{2065}', '\u{fffc}', 'a'] {
        assert!(!sanitize::is_unsafe(c), "U+{:04X} is safe", u32::from(c));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_app_survives_anything(steps in prop::collection::vec(step(), 1..120)) {
        let mut world = World::new();
        world.check();
        for s in steps {
            world.step(s);
            world.check();
            if world.app.quitting() {
                break;
            }
        }
    }

    #[test]
    fn answers_in_any_order_leave_no_spinner(steps in prop::collection::vec(search_step(), 1..60)) {
        let mut world = World::new();
        for s in steps {
            world.step(s);
            world.check();
        }
        // Finally every request is answered: nothing may still show as loading.
        world.step(Step::Timers);
        for _ in 0..20 {
            world.step(Step::Answer);
        }
        world.check();
        prop_assert!(!world.app.busy());
    }

    #[test]
    fn sanitised_text_holds_no_control_or_bidi(s in any::<String>()) {
        let clean = sanitize::sanitize(&s);
        prop_assert!(!clean.chars().any(must_not_pass), "{:?}", clean);
        // Idempotent: clean text stays as it is.
        prop_assert_eq!(sanitize::sanitize(&clean), clean.clone());
    }

    /// The same, drawn from strings made mostly of the characters that
    /// must not pass (any string almost never holds one), with letters and
    /// emoji sequences between them: leaving any one range out of the
    /// guard fails here.
    #[test]
    fn text_full_of_unsafe_characters_is_cleaned_everywhere(s in prop::collection::vec(hostile_char(), 0..40).prop_map(|v| v.into_iter().collect::<String>())) {
        for out in [sanitize::sanitize(&s).into_owned(), sanitize::fit(&s, 80), customers::output::clip::Clip::text(&s).text] {
            prop_assert!(!out.chars().any(must_not_pass), "{:?} -> {:?}", s, out);
        }
        let mut line = String::new();
        line.push_str(&customers::output::format::csv_row(&customers::api::Customer { id: s.clone(), first_name: s.clone(), ..Default::default() }, Default::default()));
        prop_assert!(!line.chars().any(must_not_pass), "{:?} -> {:?}", s, line);
    }

    #[test]
    fn fitted_text_never_exceeds_the_width(s in any::<String>(), width in 0usize..60) {
        let fitted = sanitize::fit(&s, width);
        prop_assert!(sanitize::width(&fitted) <= width, "{:?} -> {:?}", s, fitted);
        prop_assert_eq!(sanitize::width(&sanitize::fit_padded(&s, width)), width.max(sanitize::width(&sanitize::fit(&s, width))));
    }
}
