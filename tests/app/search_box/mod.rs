//! The search box answering as fast as the information allows (issue 11):
//! the decisions in `App::update` alone (`answers`), and the same behaviour
//! over real HTTP on 127.0.0.1 with a realistic round trip (`loopback`),
//! and the search history that brings a query back (`history`).

mod answers;
mod history;
mod loopback;
