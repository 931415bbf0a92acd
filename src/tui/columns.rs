//! The table's columns: which of the customer's fields it shows, in the
//! user's order (`columns = [...]` in the config, `C` for the session),
//! and how they share a width. A narrow table drops columns from the end
//! of the list, never the name, so the same list gives the same columns at
//! any width that fits them. A list the user chose keeps its columns
//! longer than the default one: its name and email shrink to their
//! minimums before one is dropped. Pure.

use std::borrow::Cow;

use crate::api::Customer;

/// A column of the table: one of the customer's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The full name (first and last).
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Country,
    /// "test" or "live".
    Mode,
    Id,
    Developer,
    Photo,
    /// The metadata, as one line of JSON.
    Metadata,
    /// Free text about the customer (today's records).
    Description,
}

/// How a column takes its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    /// Always this wide.
    Fixed(u16),
    /// A share of what the fixed columns leave, in proportion to `weight`:
    /// `comfortable` when columns after it are shown, at least `min` when it
    /// is shown with flexible ones alone.
    Flex { min: u16, comfortable: u16, weight: u16 },
}

/// The columns when the config names none: what people scan for first,
/// then what tells customers apart, the id last (it is long).
pub const DEFAULT: [Column; 6] = [Column::Name, Column::Email, Column::Country, Column::Mode, Column::Phone, Column::Id];

/// The table's columns in order, and the picker's order of them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    list: Vec<Column>,
    /// Every column, in the order the picker lists them: those of `list`
    /// in theirs, a hidden one where the user left it (so the picker's
    /// rows do not move between opens).
    order: Vec<Column>,
}

impl Default for Columns {
    fn default() -> Self {
        Self::of(DEFAULT.to_vec())
    }
}

impl Columns {
    /// `list`, in its order (the other columns after it in the picker).
    pub fn of(list: Vec<Column>) -> Self {
        let order = list.iter().copied().chain(Column::ALL.into_iter().filter(|c| !list.contains(c))).collect();
        Self { list, order }
    }

    /// The columns chosen in the picker: each in its order and whether it
    /// is shown (any column missing goes after them, hidden).
    pub fn arranged(entries: &[(Column, bool)]) -> Self {
        let mut order: Vec<Column> = Vec::new();
        for c in entries.iter().map(|(c, _)| *c).chain(Column::ALL) {
            if !order.contains(&c) {
                order.push(c);
            }
        }
        let list = order.iter().copied().filter(|c| entries.contains(&(*c, true))).collect();
        Self { list, order }
    }

    /// The columns, in order.
    pub fn list(&self) -> &[Column] {
        &self.list
    }

    /// Whether this is the default list (its tail is extra, not chosen).
    pub fn is_default(&self) -> bool {
        self.list == DEFAULT
    }

    /// Every column in the picker's order, and whether it is shown.
    pub fn arrangement(&self) -> Vec<(Column, bool)> {
        self.order.iter().map(|c| (*c, self.list.contains(c))).collect()
    }

    /// Those that fit `avail` columns of text, with their widths (see
    /// [`fit`]). Any list but the default one is the user's: each of its
    /// columns is worth more than the room the name and email would have
    /// beyond their minimums. The default list's later columns are
    /// extras, dropped first. (The same list gives the same table, however
    /// it was set.)
    pub fn fit(&self, avail: u16) -> Vec<(Column, u16)> {
        let squeeze = if self.is_default() { Squeeze::Comfortable } else { Squeeze::ToMinimum };
        fit(&self.list, avail, squeeze)
    }
}

/// How far the flexible columns shrink before a column is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Squeeze {
    /// To their comfortable widths (the default list: its tail is extra).
    Comfortable,
    /// To their minimums (a list the user chose).
    ToMinimum,
}

impl Column {
    /// Every column, in the order the picker lists those not shown.
    pub const ALL: [Column; 12] = [
        Column::Name,
        Column::Email,
        Column::Country,
        Column::Mode,
        Column::Phone,
        Column::Id,
        Column::FirstName,
        Column::LastName,
        Column::Developer,
        Column::Photo,
        Column::Metadata,
        Column::Description,
    ];

    /// Its name in the config file (the API's field, `name` and `mode`
    /// aside).
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::FirstName => "first_name",
            Column::LastName => "last_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Country => "country",
            Column::Mode => "mode",
            Column::Id => "id",
            Column::Developer => "developer",
            Column::Photo => "photo",
            Column::Metadata => "metadata",
            Column::Description => "description",
        }
    }

    /// The column a config name means (`full_name` and `test` are taken
    /// for `name` and `mode`).
    pub fn named(name: &str) -> Option<Column> {
        match name.trim().to_ascii_lowercase().as_str() {
            "full_name" => Some(Column::Name),
            "test" => Some(Column::Mode),
            other => Self::ALL.into_iter().find(|c| c.key() == other),
        }
    }

    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::FirstName => "First name",
            Column::LastName => "Last name",
            Column::Email => "Email",
            Column::Phone => "Phone",
            Column::Country => "Country",
            Column::Mode => "Mode",
            Column::Id => "Id",
            Column::Developer => "Developer",
            Column::Photo => "Photo",
            Column::Metadata => "Metadata",
            Column::Description => "Description",
        }
    }

    fn width(self) -> Width {
        match self {
            Column::Name => Width::Flex { min: 12, comfortable: 16, weight: 45 },
            Column::Email => Width::Flex { min: 14, comfortable: 22, weight: 55 },
            Column::Photo => Width::Flex { min: 12, comfortable: 20, weight: 30 },
            Column::Metadata => Width::Flex { min: 12, comfortable: 20, weight: 40 },
            Column::Description => Width::Flex { min: 12, comfortable: 20, weight: 40 },
            Column::FirstName => Width::Fixed(12),
            Column::LastName => Width::Fixed(14),
            Column::Phone => Width::Fixed(18),
            Column::Country => Width::Fixed(12),
            Column::Mode => Width::Fixed(4),
            Column::Id => Width::Fixed(36),
            Column::Developer => Width::Fixed(9),
        }
    }

    /// The least it is drawn in.
    fn min(self) -> u16 {
        match self.width() {
            Width::Fixed(w) | Width::Flex { min: w, .. } => w,
        }
    }

    /// What it needs for another column to be shown beside it.
    fn comfortable(self) -> u16 {
        match self.width() {
            Width::Fixed(w) | Width::Flex { comfortable: w, .. } => w,
        }
    }

    /// Its text for `c` (raw: drawing fits and cleans it); `None`: null or
    /// empty.
    pub fn text(self, c: &Customer) -> Option<Cow<'_, str>> {
        let text: Cow<'_, str> = match self {
            Column::Name => Cow::Owned(c.full_name()),
            Column::FirstName => Cow::Borrowed(&c.first_name),
            Column::LastName => Cow::Borrowed(&c.last_name),
            Column::Email => Cow::Borrowed(&c.email),
            Column::Phone => Cow::Borrowed(c.phone.as_deref()?),
            Column::Country => Cow::Borrowed(&c.country),
            Column::Mode => Cow::Borrowed(if c.test { "test" } else { "live" }),
            Column::Id => Cow::Borrowed(&c.id),
            Column::Developer => Cow::Owned(c.developer?.to_string()),
            Column::Photo => Cow::Borrowed(c.photo.as_deref()?),
            Column::Metadata => Cow::Owned(serde_json::to_string(c.metadata.as_ref()?).ok()?),
            Column::Description => Cow::Borrowed(&c.description),
        };
        (!text.trim().is_empty()).then_some(text)
    }
}

/// The least of an id shown (its first characters and `…`).
const ID_FIRST: u16 = 9;

/// The columns of `list` that fit `avail` columns of text, with their
/// widths: columns go from the end of the list until the rest fit (the
/// flexible ones shrunk as `squeeze` allows), the name last of all;
/// flexible columns share what the fixed ones leave.
fn fit(list: &[Column], avail: u16, squeeze: Squeeze) -> Vec<(Column, u16)> {
    let mut shown: Vec<Column> = list.to_vec();
    // Each column takes its width and a separating space. A column goes
    // while the rest do not fit comfortably; flexible columns left alone
    // (a name and an email on a small terminal) may shrink to their
    // minimums first.
    let need = |cols: &[Column], width: fn(Column) -> u16| cols.iter().fold(0u32, |sum, c| sum + u32::from(width(*c)) + 1);
    let room = u32::from(avail) + 1;
    // An id tells customers apart by its first characters: where the whole
    // one (36) does not fit, it is shown cut, never dropped for want of
    // room it does not need.
    let keeps_room: fn(Column) -> u16 = match squeeze {
        Squeeze::Comfortable => |c| if c == Column::Id { ID_FIRST } else { c.comfortable() },
        Squeeze::ToMinimum => |c| if c == Column::Id { ID_FIRST } else { c.min() },
    };
    while need(&shown, keeps_room) > room {
        let flexible_alone = shown.iter().all(|c| matches!(c.width(), Width::Flex { .. }));
        if flexible_alone && need(&shown, Column::min) <= room {
            break;
        }
        let Some(last) = shown.iter().rposition(|c| *c != Column::Name) else { break };
        shown.remove(last);
    }
    // The id's width: whole when the others keep their comfortable room,
    // else what they leave, at least its first characters.
    let others: u32 = shown.iter().filter(|c| **c != Column::Id).map(|c| u32::from(c.comfortable()) + 1).sum();
    let id_width = u32::from(avail).saturating_sub(others).clamp(u32::from(ID_FIRST), 36);
    let width_of = |c: Column| if c == Column::Id { id_width } else { u32::from(c.min()) };
    let fixed: u32 = shown.iter().filter(|c| matches!(c.width(), Width::Fixed(_))).map(|c| width_of(*c)).sum();
    let gaps = u32::try_from(shown.len().saturating_sub(1)).unwrap_or(u32::MAX);
    let flex_room = u32::from(avail).saturating_sub(fixed).saturating_sub(gaps);
    let flex: Vec<(usize, u32, u32)> = shown
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.width() {
            Width::Flex { min, weight, .. } => Some((i, u32::from(min), u32::from(weight))),
            Width::Fixed(_) => None,
        })
        .collect();
    let mut widths: Vec<u32> = shown.iter().map(|c| width_of(*c)).collect();
    let flex_min: u32 = flex.iter().map(|(_, min, _)| min).sum();
    if flex_room < flex_min {
        // Even the minimums do not fit (the name alone, say): they shrink.
        for &(i, min, _) in &flex {
            widths[i] = min * flex_room / flex_min.max(1);
        }
    } else {
        // The flexible columns share the room by weight; one that its share
        // leaves under its minimum gets its minimum, and the others share
        // what is left.
        let mut free: Vec<(usize, u32, u32)> = flex.clone();
        let mut room = flex_room;
        loop {
            let weights: u32 = free.iter().map(|(_, _, w)| w).sum::<u32>().max(1);
            let under: Vec<usize> = free.iter().filter(|(_, min, w)| room * w / weights < *min).map(|(i, _, _)| *i).collect();
            if under.is_empty() {
                for &(i, _, w) in &free {
                    widths[i] = room * w / weights;
                }
                break;
            }
            for i in under {
                room = room.saturating_sub(widths[i]);
                free.retain(|(j, _, _)| *j != i);
            }
        }
        // What the shares rounded away goes to the last flexible column.
        let used: u32 = flex.iter().map(|(i, _, _)| widths[*i]).sum();
        if let Some(&(last, _, _)) = flex.last() {
            widths[last] += flex_room.saturating_sub(used);
        }
    }
    let mut out: Vec<(Column, u16)> = shown.iter().zip(widths).map(|(&c, w)| (c, u16::try_from(w).unwrap_or(u16::MAX).max(1))).collect();
    // A table narrower than its fixed columns: they are cut, never past it.
    let mut room = u32::from(avail);
    for (_, w) in &mut out {
        *w = u16::try_from(u32::from(*w).min(room)).unwrap_or(0).max(1);
        room = room.saturating_sub(u32::from(*w) + 1);
    }
    out
}

/// The columns the config's `names` ask for, and a warning for each name
/// that is no column or comes twice. No usable name: the default. The name
/// is always shown: when the list leaves it out, it goes first, said.
pub fn from_config(names: &[String]) -> (Columns, Vec<String>) {
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match Column::named(name) {
            Some(c) if columns.contains(&c) => problems.push(format!("{} is listed twice; shown once", crate::sanitize::fit(name, 30))),
            Some(c) => columns.push(c),
            None => {
                let keys = Column::ALL.map(Column::key);
                let nearest = crate::config::nearest(&name.to_ascii_lowercase(), &keys);
                let hint = nearest.map_or_else(String::new, |k| format!("did you mean {k}? "));
                problems.push(format!("{:?} is not a column; {hint}(one of {}) left out", crate::sanitize::fit(name, 30), keys.join(", ")));
            }
        }
    }
    if columns.is_empty() {
        if !names.is_empty() {
            problems.push("no column left: the default ones are shown".to_owned());
        }
        return (Columns::default(), problems);
    }
    if !columns.contains(&Column::Name) {
        columns.insert(0, Column::Name);
        problems.push("the name is always shown: it goes first (put \"name\" where you want it)".to_owned());
    }
    (Columns::of(columns), problems)
}

/// The list as the config writes it: `["name", "email"]`.
pub fn to_config(columns: &[Column]) -> String {
    format!("[{}]", columns.iter().map(|c| format!("{:?}", c.key())).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    #[test]
    fn columns_drop_from_the_end_never_the_name_and_fit() {
        for (avail, squeeze) in [1u16, 10, 30, 60, 68, 80, 120, 200, 2000, u16::MAX]
            .into_iter()
            .flat_map(|a| [(a, Squeeze::Comfortable), (a, Squeeze::ToMinimum)])
        {
            for list in [&DEFAULT[..], &[Id, Email, Name, Metadata][..], &[Name][..]] {
                let cols = fit(list, avail, squeeze);
                let total: u32 = cols.iter().map(|(_, w)| u32::from(*w) + 1).sum();
                assert!(total <= u32::from(avail).max(1) + 1, "{avail} {list:?}: {total} {cols:?}");
                assert!(cols.iter().any(|(c, _)| *c == Name), "never the name: {avail} {list:?}");
                // What is shown is the list in its order, a prefix of it but
                // for the name.
                let order: Vec<Column> = cols.iter().map(|(c, _)| *c).collect();
                let kept: Vec<Column> = list.iter().copied().filter(|c| order.contains(c)).collect();
                assert_eq!(order, kept);
                let dropped = list.iter().position(|c| !order.contains(c));
                if let Some(at) = dropped {
                    assert!(list[at..].iter().all(|c| *c == Name || !order.contains(c)), "{avail} {list:?} -> {order:?}");
                }
            }
        }
        let at = |w| fit(&DEFAULT, w, Squeeze::Comfortable).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
        assert_eq!(at(67), [Name, Email, Country, Mode], "a 120-column terminal's table");
        assert_eq!(at(77), [Name, Email, Country, Mode, Phone], "an 80-column terminal's");
        assert_eq!(at(120), [Name, Email, Country, Mode, Phone, Id]);
        assert_eq!(at(37), [Name, Email], "a 40-column terminal's: both shrink");
        assert_eq!(at(20), [Name]);
        // The name and email share by weight past their minimums.
        assert_eq!(Columns::default().fit(67).iter().map(|(_, w)| *w).collect::<Vec<_>>(), [21, 27, 12, 4]);
        // Wider never shows fewer; a chosen list never fewer than the
        // default rule would.
        for list in [&DEFAULT[..], &[Id, Email, Name, Metadata][..], &[Name, Email, Phone, Country][..]] {
            let counts = |squeeze| (0..400).map(|w| fit(list, w, squeeze).len()).collect::<Vec<usize>>();
            let (roomy, chosen) = (counts(Squeeze::Comfortable), counts(Squeeze::ToMinimum));
            assert!(roomy.windows(2).all(|w| w[0] <= w[1]), "{list:?}: {roomy:?}");
            assert!(chosen.windows(2).all(|w| w[0] <= w[1]), "{list:?}: {chosen:?}");
            assert!(roomy.iter().zip(&chosen).all(|(r, c)| r <= c), "{list:?}: {roomy:?} {chosen:?}");
        }
        // A list the user chose: the name and email shrink to their
        // minimums before a column goes (issue 33: Country was dropped at
        // 120x40 while the name had blank room).
        let chosen = Columns::of(vec![Name, Email, Phone, Country]).fit(67);
        assert_eq!(chosen.iter().map(|(c, _)| *c).collect::<Vec<_>>(), [Name, Email, Phone, Country], "{chosen:?}");
        assert!(chosen[0].1 >= 12 && chosen[1].1 >= 14, "{chosen:?}");
        assert_eq!(Columns::default().fit(67).len(), 4, "the default list's tail is extra: {:?}", Columns::default().fit(67));
        // The columns a user chose, all four at 120x40 (issue 33): the id
        // cut to its first characters rather than dropped; whole where the
        // others keep their room.
        let chosen = fit(&[Name, Phone, Id, Country], 67, Squeeze::Comfortable);
        assert_eq!(chosen.iter().map(|(c, _)| *c).collect::<Vec<_>>(), [Name, Phone, Id, Country], "{chosen:?}");
        assert!(chosen.iter().all(|(c, w)| *c != Id || (9..36).contains(w)), "{chosen:?}");
        assert!(fit(&[Name, Phone, Id, Country], 120, Squeeze::Comfortable).contains(&(Id, 36)));
        // The flexible columns share what is left, all of it.
        let wide = fit(&[Name, Email, Mode], 100, Squeeze::Comfortable);
        assert_eq!(wide.iter().map(|(_, w)| u32::from(*w) + 1).sum::<u32>(), 101);
    }

    #[test]
    fn the_config_s_names_unknown_and_twice_are_said() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let (cols, problems) = from_config(&names(&["email", "name", "emial", "Country", "email", "test"]));
        assert_eq!(cols.list(), [Email, Name, Country, Mode]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("\"emial\" is not a column; did you mean email?"), "{problems:?}");
        assert!(problems[1].contains("listed twice"), "{problems:?}");
        let (cols, problems) = from_config(&names(&["id", "phone"]));
        assert_eq!(cols.list(), [Name, Id, Phone]);
        assert!(problems[0].contains("always shown"));
        assert_eq!(from_config(&names(&["nope"])).0, Columns::default());
        assert_eq!(from_config(&[]), (Columns::default(), Vec::new()));
        assert_eq!(to_config(&[Name, Email]), "[\"name\", \"email\"]");
    }
}
