//! The header: the count, the search shown, the position, and a badge
//! for the demo data or the profile in use, shortened to fit.

use crate::tui::panes::cells::put_row;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use super::list::CustomerList;
use crate::sanitize;
use crate::tui::component::Ui;
use crate::tui::words::thousands;

/// The badge at the right of the header: what the rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge<'a> {
    None,
    /// The built-in demo data.
    Demo,
    /// A profile of the config file, by name; `live`: a production account;
    /// `server`: the host in use when it is not the profile's own (the
    /// environment or `--api-url` named another), else `None`.
    Profile {
        name: &'a str,
        live: bool,
        server: Option<&'a str>,
    },
    /// No profile, but the API key says the account's mode (`sk_live_`,
    /// `sk_test_`).
    Mode {
        live: bool,
    },
}

/// Draws the header for `customers`, with `badge` at the right; `listed`:
/// the customer in hand is the list's selected row (else no position is
/// given: the row highlighted is not the one in hand); `marked`: how many
/// customers are marked.
pub fn draw(frame: &mut Frame<'_>, area: Rect, customers: &CustomerList, (listed, marked): (bool, usize), badge: Badge<'_>, ui: &Ui<'_>) {
    let list = &customers.sets.list;
    // The count, in words, or (`terse`, on a narrow terminal) the number
    // and the search alone.
    let what = |terse: bool| {
        let mut what = match list.count {
            // Nothing on its way and still no count: the first page failed
            // (the status line says why); not "loading" for ever.
            None if list.loading() || customers.sets.pending.is_some() => vec![Span::styled("loading…", ui.theme.dim)],
            None => vec![Span::styled("not loaded", ui.theme.warn)],
            Some(n) if list.search.is_empty() && terse => vec![Span::raw(thousands(n))],
            Some(n) if list.search.is_empty() => vec![Span::raw(format!("{} customers", thousands(n)))],
            Some(n) => vec![
                Span::raw(match (terse, list.phone.is_some()) {
                    (true, _) => format!("{} ", thousands(n)),
                    // Read from the list here: the server's search matched none.
                    (false, true) => format!("{} with the phone ", thousands(n)),
                    (false, false) => format!("{} matching ", thousands(n)),
                }),
                Span::styled(format!("“{}”", sanitize::fit_as(&list.search, 30, ui.glyphs)), ui.theme.emphasis),
            ],
        };
        // Rows shown before the server has answered for them.
        if list.provisional.is_some() && list.count.is_some() {
            what.insert(0, Span::styled("≈ ", ui.theme.dim));
        }
        // The row above the search's own: the customer whose id it is.
        if list.id_match.is_some() {
            what.insert(0, Span::styled("id match + ", ui.theme.emphasis));
        }
        // The server's list changed while it was read: say so, once per set.
        if let Some(was) = list.changed_from.filter(|_| list.count.is_some()) {
            what.push(Span::styled(format!(" (was {})", thousands(was)), ui.theme.warn));
        }
        what
    };
    // The order and the marks, in words or (`short`) fewer of them.
    let extras = |short: bool| {
        let mut extras = Vec::new();
        if let Some(sort) = list.sorted {
            let said = if short {
                format!("{}{}", sort.column.title().to_lowercase(), sort.arrow())
            } else {
                format!("sorted by {}", sort.label())
            };
            extras.push(Span::styled(format!(" · {said}"), ui.theme.emphasis));
        }
        if let Some(filter) = &list.filter {
            let said = crate::sanitize::fit_as(&filter.label(), if short { 16 } else { 40 }, ui.glyphs);
            extras.push(Span::styled(format!(" · {said}"), ui.theme.emphasis));
        }
        if marked > 0 {
            extras.push(Span::styled(format!(" · {} marked", thousands(marked)), ui.theme.emphasis));
        }
        extras
    };
    // Long, short, or none: a number is never cut.
    let position = |long: Option<bool>| match (customers.len(), long) {
        (0, _) | (_, None) => String::new(),
        _ if !listed => String::new(),
        (n, Some(true)) => format!(" · row {} of {}", thousands(customers.selected() + 1), thousands(n)),
        (n, Some(false)) => format!(" · {}/{}", thousands(customers.selected() + 1), thousands(n)),
    };
    let title = Span::styled(" customers ", ui.theme.app_badge);
    let badge = match badge {
        Badge::None => None,
        Badge::Demo => Some(Span::styled(" demo data ", ui.theme.demo_badge)),
        Badge::Mode { live: true } => Some(Span::styled(" LIVE ", ui.theme.live_badge)),
        Badge::Mode { live: false } => Some(Span::styled(" test mode ", ui.theme.profile_badge)),
        // Said in words too: the style alone is lost without colour.
        Badge::Profile { name, live, server } => {
            let at = server.map_or_else(String::new, |s| format!(" @ {}", sanitize::fit_as(s, 30, ui.glyphs)));
            let name = sanitize::fit_as(name, 24, ui.glyphs);
            Some(if live {
                Span::styled(format!(" LIVE: {name}{at} "), ui.theme.live_badge)
            } else {
                Span::styled(format!(" {name}{at} "), ui.theme.profile_badge)
            })
        }
    };
    let badge_width = badge.as_ref().map_or(0, |b| b.width() + 1);
    // Longest first: drop the title, then shorten the position, then drop
    // it, then say the order and the count in fewer words, until the line
    // fits beside the badge (the order and the marks are never cut off).
    let candidates = [
        (true, Some(true), false, false),
        (false, Some(true), false, false),
        (false, Some(false), false, false),
        (false, None, false, false),
        (false, None, true, false),
        (false, None, true, true),
    ];
    let mut line = Line::default();
    for (with_title, long, short, terse) in candidates {
        let mut spans = Vec::new();
        if with_title {
            spans.extend([title.clone(), Span::raw(" ")]);
        } else {
            spans.push(Span::raw(" "));
        }
        spans.extend(what(terse));
        spans.extend(extras(short));
        spans.push(Span::styled(position(long), ui.theme.dim));
        line = Line::from(spans);
        if line.width() + badge_width <= area.width as usize {
            break;
        }
    }
    put_row(frame.buffer_mut(), area, &line, Alignment::Left);
    if let Some(badge) = badge {
        put_row(frame.buffer_mut(), area, &Line::from(badge), Alignment::Right);
    }
}
