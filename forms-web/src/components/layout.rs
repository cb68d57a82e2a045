//! The page frame shared by every page.

pub mod language_switcher;
pub mod page_frame;
