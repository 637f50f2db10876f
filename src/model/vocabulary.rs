//! The vocabularies the code defines: event kinds, roles, party kinds, regions and list
//! statuses. Each is an
//! enum with its CSV spelling; the command line maps them to its own values (see `cli`), so
//! this module knows nothing of clap.

use serde::Serialize;
use std::fmt;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( $(#[$vm])* $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling used in CSV files and on the command line.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Parse the CSV spelling (exact, lower case).
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// The value as one byte (its place in [`Self::ALL`]), for snapshots.
            pub(crate) fn code(self) -> u8 {
                self as u8
            }
            /// The value a [`Self::code`] stands for, if any.
            pub(crate) fn from_code(c: u8) -> Option<Self> {
                Self::ALL.get(usize::from(c)).copied()
            }
            /// The CSV spellings, for error messages and suggestions.
            pub fn names() -> Vec<&'static str> {
                vec![$($text),+]
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What sort of event a row is.
    EventKind {
        Summit => "summit",
        Declaration => "declaration",
        Meeting => "meeting",
        Founding => "founding",
        Renaming => "renaming",
        Treaty => "treaty",
        Resolution => "resolution",
        Report => "report",
        Commitment => "commitment",
        Exercise => "exercise",
    }
);

vocabulary!(
    /// How a party took part in an event. Declaration order is display order.
    Role {
        Signatory => "signatory",
        Joined => "joined",
        Member => "member",
        Participant => "participant",
        Observer => "observer",
        NonSignatory => "non-signatory",
    }
);

vocabulary!(
    /// Countries, organisations and companies.
    PartyKind {
        Country => "country",
        Organisation => "organisation",
        Company => "company",
    }
);

vocabulary!(
    /// Continents, for countries.
    Region {
        Africa => "Africa",
        Americas => "Americas",
        Asia => "Asia",
        Europe => "Europe",
        Oceania => "Oceania",
    }
);

vocabulary!(
    /// What the dataset holds of an event's party list.
    ListStatus {
        /// The rows are every party, as of the list's date.
        Complete => "complete",
        /// More parties exist than the rows name; a source may give their number.
        Partial => "partial",
        /// The dataset keeps no party list on purpose (a report written by researchers, a
        /// resolution adopted by every member state); a source may give a count.
        None => "none",
    }
);

impl Role {
    /// Whether a party in this role counts as one of the event's parties, i.e. towards
    /// `reported_parties` ("15 of 60 listed"). Observers and non-signatories were present but
    /// are not parties to the outcome.
    pub fn is_party(&self) -> bool {
        matches!(
            self,
            Role::Signatory | Role::Joined | Role::Member | Role::Participant
        )
    }
}
