//! Output formats of the scripting commands, written as rows arrive so that
//! `--all` runs in constant memory.

use std::io::Write;

use clap::ValueEnum;

use crate::api::Customer;
use crate::glyphs::Glyphs;
use crate::sanitize::{self, fit_padded};

/// `-o, --output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for people; control characters are never printed, and
    /// emoji sequences are drawn in a form every terminal measures alike.
    #[default]
    Table,
    /// One JSON array (a single object for `get`).
    Json,
    /// One JSON object per line.
    Ndjson,
    /// RFC 4180 CSV with a header; cells that a spreadsheet would run as a
    /// formula are neutralised.
    Csv,
}

/// What the CSV writer does with a cell a spreadsheet would run as a
/// formula (the config's `csv_formula_guard`), given to each writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formulas {
    /// Made inert with a leading `'` (the default).
    #[default]
    Defused,
    /// Written as they are, for scripts that read the cells back.
    AsTheyAre,
}

impl Formulas {
    /// From the config's `csv_formula_guard` (unset: the default, on).
    pub fn from_setting(guard: Option<bool>) -> Self {
        if guard.unwrap_or(true) { Self::Defused } else { Self::AsTheyAre }
    }

    /// As the config's `csv_formula_guard` says it.
    pub fn setting(self) -> bool {
        self == Self::Defused
    }
}

/// Table columns: header and the widest a cell may get.
const COLUMNS: [(&str, usize); 6] = [("ID", 36), ("NAME", 32), ("EMAIL", 36), ("COUNTRY", 14), ("PHONE", 18), ("MODE", 4)];

fn cells(c: &Customer) -> [String; 6] {
    [
        c.id.clone(),
        c.full_name(),
        c.email.clone(),
        c.country.clone(),
        c.phone.clone().unwrap_or_default(),
        if c.test { "test" } else { "live" }.to_owned(),
    ]
}

/// Writes customers in one format. Call [`Printer::rows`] any number of
/// times, then [`Printer::finish`].
pub struct Printer<W: Write> {
    format: Format,
    out: W,
    started: bool,
    widths: Option<[usize; 6]>,
    formulas: Formulas,
}

impl<W: Write> Printer<W> {
    /// `fixed_widths`: for tables whose rows are not all known up front
    /// (`--all`), use each column's maximum instead of the widest value.
    /// CSV cells that would run as formulas are defused (see
    /// [`Printer::formulas`]).
    pub fn new(format: Format, out: W, fixed_widths: bool) -> Self {
        let widths = fixed_widths.then(|| COLUMNS.map(|(_, w)| w));
        Self { format, out, started: false, widths, formulas: Formulas::default() }
    }

    /// What CSV cells that a spreadsheet would run become.
    #[must_use]
    pub fn formulas(mut self, formulas: Formulas) -> Self {
        self.formulas = formulas;
        self
    }

    /// Writes a batch of rows.
    pub fn rows(&mut self, rows: &[Customer]) -> std::io::Result<()> {
        match self.format {
            Format::Table => self.table(rows),
            Format::Json => {
                let out = &mut self.out;
                for c in rows {
                    out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
                    self.started = true;
                    out.write_all(json_line(c)?.as_bytes())?;
                }
                Ok(())
            }
            Format::Ndjson => {
                let out = &mut self.out;
                for c in rows {
                    out.write_all(json_line(c)?.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            Format::Csv => self.csv(rows),
        }
    }

    fn table(&mut self, rows: &[Customer]) -> std::io::Result<()> {
        let all: Vec<[String; 6]> = rows.iter().map(cells).collect();
        let widths = *self.widths.get_or_insert_with(|| {
            let mut w = COLUMNS.map(|(h, _)| h.len());
            for row in &all {
                for (i, cell) in row.iter().enumerate() {
                    w[i] = w[i].max(sanitize::width(&sanitize::drawn(cell, Glyphs::PORTABLE)).min(COLUMNS[i].1));
                }
            }
            w
        });
        let out = &mut self.out;
        if !self.started {
            self.started = true;
            write_line(out, &COLUMNS.map(|(h, _)| h.to_owned()), &widths)?;
        }
        for row in &all {
            write_line(out, row, &widths)?;
        }
        Ok(())
    }

    fn csv(&mut self, rows: &[Customer]) -> std::io::Result<()> {
        // Each batch is encoded into a buffer, written at once.
        let mut text = String::new();
        if !self.started {
            self.started = true;
            csv_line(&mut text, &CSV_HEADER.map(str::to_owned));
        }
        for c in rows {
            csv_line(&mut text, &csv_record(c, self.formulas));
        }
        self.out.write_all(text.as_bytes())
    }

    /// Closes the output (the JSON array's bracket, the CSV buffer).
    pub fn finish(mut self) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                let end: &[u8] = if self.started { b"\n]\n" } else { b"[]\n" };
                self.out.write_all(end)?;
            }
            // Even an empty result gets its header line.
            Format::Csv | Format::Table if !self.started => self.rows(&[])?,
            _ => {}
        }
        self.out.flush()
    }
}

fn write_line(out: &mut dyn Write, cells: &[String; 6], widths: &[usize; 6]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        if i == cells.len() - 1 {
            line.push_str(&sanitize::fit_as(cell, widths[i], Glyphs::PORTABLE));
        } else {
            line.push_str(&fit_padded(cell, widths[i]));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// One customer as compact JSON, with no raw control or bidi character
/// even where JSON would allow one (see [`crate::output::clip::escape_unsafe`]).
fn json_line(c: &Customer) -> std::io::Result<String> {
    Ok(crate::output::clip::escape_unsafe(serde_json::to_string(c)?))
}

/// The CSV columns: the classic record's, then today's `name` and
/// `description`, then the fields the client does not know, as one JSON
/// object (empty when there are none).
pub const CSV_HEADER: [&str; 13] = [
    "id",
    "developer",
    "first_name",
    "last_name",
    "email",
    "phone",
    "photo",
    "country",
    "metadata",
    "test",
    "name",
    "description",
    "extra",
];

/// One customer's CSV cells, in the header's order.
fn csv_record(c: &Customer, formulas: Formulas) -> [String; 13] {
    let metadata = c.metadata.as_ref().map(|m| m.to_string()).unwrap_or_default();
    let developer = c.developer.map(|d| d.to_string()).unwrap_or_default();
    let extra = if c.extra.is_empty() { String::new() } else { serde_json::Value::Object(c.extra.clone()).to_string() };
    [
        &c.id,
        &developer,
        &c.first_name,
        &c.last_name,
        &c.email,
        c.phone.as_deref().unwrap_or(""),
        c.photo.as_deref().unwrap_or(""),
        &c.country,
        &metadata,
        &c.test.to_string(),
        &c.name,
        &c.description,
        &extra,
    ]
    .map(|cell| csv_cell(cell, formulas))
}

/// One customer as a CSV line with no header and no line end (the app's
/// "copy the row"): the cells `-o csv` writes for it.
pub fn csv_row(c: &Customer, formulas: Formulas) -> String {
    let mut line = String::new();
    csv_line(&mut line, &csv_record(c, formulas));
    line.trim_end_matches('\n').to_owned()
}

/// The characters a spreadsheet may start a formula with: `= + - @` and
/// their full-width forms (which some read as the same).
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];

/// One CSV record (RFC 4180, `\n` ended) onto `out`. A cell is quoted when
/// it holds a quote, a line break, or anything a spreadsheet may split a
/// cell at or start a formula with: `,`, `;` (the list separator of Excel
/// in most of Europe and Latin America), a tab, or a formula character.
/// Unquoted, `x;=cmd|...` is two cells there, the second a formula.
fn csv_line(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let quote = cell.contains(['"', '\n', '\r', ',', ';', '\t']) || cell.contains(FORMULA_STARTS);
        if quote {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    // A record of one empty cell would read as no record at all.
    if cells.len() == 1 && cells[0].is_empty() {
        out.push_str("\"\"");
    }
    out.push('\n');
}

/// Control characters replaced, and a cell that a spreadsheet would read
/// as a formula made inert with a leading `'`, as OWASP advises against CSV
/// injection: one that starts with `= + - @`, tab or carriage return (which
/// become spaces here), even after spaces. A phone number is kept as it is
/// (`+54 11 5555-0101`): digits, spaces and `+ - ( ) .` alone name no
/// function and no cell, so nothing in them can run.
fn csv_cell(s: &str, formulas: Formulas) -> String {
    let clean = sanitize::sanitize(s);
    if formulas == Formulas::AsTheyAre {
        return clean.into_owned();
    }
    let formula = s.starts_with(['\t', '\r']) || clean.trim_start().starts_with(FORMULA_STARTS);
    if formula && !phone_number(s) { format!("'{clean}") } else { clean.into_owned() }
}

/// Whether `cell` is only a phone number: digits, spaces and `+ - ( ) .`,
/// with at least one digit, starting with `+`, `-`, `(` or a digit.
fn phone_number(cell: &str) -> bool {
    let cell = cell.trim_start_matches(' ');
    cell.starts_with(|c: char| c.is_ascii_digit() || "+-(".contains(c))
        && cell.chars().any(|c| c.is_ascii_digit())
        && cell.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// One customer for `get`, in the chosen format.
pub fn one(format: Format, formulas: Formulas, c: &Customer, out: &mut impl Write) -> std::io::Result<()> {
    match format {
        Format::Json => {
            out.write_all(crate::output::clip::escape_unsafe(serde_json::to_string_pretty(c)?).as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Ndjson => {
            out.write_all(json_line(c)?.as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Csv => {
            let mut p = Printer::new(Format::Csv, out, false).formulas(formulas);
            p.rows(std::slice::from_ref(c))?;
            p.finish()
        }
        Format::Table => {
            for (label, value) in crate::fields::fields(c) {
                let value = value.unwrap_or_else(|| "-".into());
                let mut lines = value.lines();
                writeln!(out, "{label:>10}  {}", sanitize::drawn(lines.next().unwrap_or(""), Glyphs::PORTABLE))?;
                for l in lines {
                    writeln!(out, "{:>10}  {}", "", sanitize::drawn(l, Glyphs::PORTABLE))?;
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused_tab_and_carriage_return_included() {
        for cell in ["=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1+1", "\r=1+1", "  =1+1", "\t1"] {
            assert!(csv_cell(cell, Formulas::Defused).starts_with('\''), "{cell:?} -> {:?}", csv_cell(cell, Formulas::Defused));
        }
        assert_eq!(csv_cell("Ana", Formulas::Defused), "Ana");
        assert_eq!(csv_cell("a=b", Formulas::Defused), "a=b");
    }

    #[test]
    fn a_phone_number_is_kept_and_anything_that_could_run_is_not() {
        for phone in ["+54 11 5555-0101", "+1 (555) 010-2000", "+506 168 3676 3881", "-5", "(555) 0100", "555.0100"] {
            assert_eq!(csv_cell(phone, Formulas::Defused), phone, "a phone number is kept");
        }
        for run in ["+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "+SUM(A1)", "=1+1", "@A1", "+", "- ", "+\t1", "-1e5"] {
            assert!(csv_cell(run, Formulas::Defused).starts_with('\''), "{run:?} -> {:?}", csv_cell(run, Formulas::Defused));
        }
    }

    /// A cell a spreadsheet could split (at `;`, `,` or a tab) or read as
    /// a formula is quoted, so that a reader whose list separator is `;`
    /// keeps it one cell; one that starts like a formula, the full-width
    /// `＝` included, is defused too. Read back, each cell is what was
    /// meant.
    #[test]
    fn cells_a_spreadsheet_could_split_or_run_are_quoted() {
        let cells: Vec<String> =
            ["x;=cmd|' /C calc'!A0", "a,b", "tab\there", "say \"hi\"", "ana@example.com", "plain", "", "\u{ff1d}1+1", "1;2"]
                .map(str::to_owned)
                .to_vec();
        let mut line = String::new();
        csv_line(&mut line, &cells.iter().map(|c| csv_cell(c, Formulas::Defused)).collect::<Vec<_>>());
        assert_eq!(
            line,
            "\"x;=cmd|' /C calc'!A0\",\"a,b\",tab here,\"say \"\"hi\"\"\",\"ana@example.com\",plain,,\"'\u{ff1d}1+1\",\"1;2\"\n"
        );
        // Split at `;` as such a spreadsheet does, honouring quotes: the
        // cell stays one, and no piece starts a formula.
        let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(b';').from_reader(line.as_bytes());
        for field in reader.records().next().expect("a record").expect("csv").iter() {
            assert!(!field.trim_start().starts_with(FORMULA_STARTS), "{field:?} of {line}");
        }
        let back: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(back[0], "x;=cmd|' /C calc'!A0");
        assert_eq!(back[7], "'\u{ff1d}1+1");
    }

    #[test]
    fn json_lines_carry_no_raw_control_or_bidi_character() {
        let c: Customer =
            serde_json::from_str(r#"{"id":"x","first_name":"a\u007fb\u009bc\u202ed","email":"e\u001b[201~"}"#).expect("decodes");
        let line = json_line(&c).expect("serialises");
        assert!(!line.chars().any(sanitize::is_unsafe), "{line}");
        assert_eq!(serde_json::from_str::<Customer>(&line).expect("still JSON"), c);
    }
}
