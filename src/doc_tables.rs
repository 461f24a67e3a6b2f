//! What the documentation promises, checked against the code: the tables of
//! `docs/permissions.md` are made from the code that decides (the permission matrix from
//! [`policy::decide`] over every action of `policy::with_actions!`, role, organisation kind and
//! situation; the phase moves from `phase_move_allowed`), and the README and `docs/` link only to
//! files in the repository. A failing table test prints the table the code gives, to paste in.

use entity::{OrganisationKind, ParticipantRole, Phase, Role, Visibility};
use sea_orm::Iterable;
use uuid::Uuid;

use crate::{
    auth::Principal,
    policy::{self, Action, Target, decide},
    service::projects::write::phase_move_allowed,
};

const DOC: &str = include_str!("../docs/permissions.md");

macro_rules! described {
    ($($(#[doc = $doc:literal])* $variant:ident,)+) => {
        /// Each action with the description the API gives it.
        const ACTIONS: &[(Action, &str, &str)] = &[
            $((Action::$variant, stringify!($variant), concat!($($doc),*)),)+
        ];
    };
}
policy::with_actions!(described);

/// The columns of the matrix: who calls.
const CALLERS: [(&str, Option<(OrganisationKind, Role)>); 6] = [
    (
        "ADMIN",
        Some((OrganisationKind::CityDepartment, Role::Admin)),
    ),
    (
        "city EDITOR",
        Some((OrganisationKind::CityDepartment, Role::Editor)),
    ),
    (
        "city VIEWER",
        Some((OrganisationKind::CityDepartment, Role::Viewer)),
    ),
    (
        "partner EDITOR",
        Some((OrganisationKind::Partner, Role::Editor)),
    ),
    (
        "partner VIEWER",
        Some((OrganisationKind::Partner, Role::Viewer)),
    ),
    ("anonymous", None),
];

const OWN: Uuid = Uuid::from_u128(1);

/// The situations an action's rule can tell apart. Exhaustive on purpose: a new action must say
/// what its rule looks at.
fn situations(action: Action) -> Vec<Target> {
    use Action::*;
    let project = |visibility, participation| Target::Project {
        visibility,
        participation,
    };
    match action {
        ReadProject
        | ReadProjectBudget
        | ReadReview
        | ReadNonPublicEvaluations
        | UpdateProject
        | ManageProject
        | AddEvaluation => {
            let mut all = Vec::new();
            for visibility in [Visibility::Shared, Visibility::Internal] {
                all.push(project(visibility, None));
                for role in ParticipantRole::iter() {
                    all.push(project(visibility, Some(role)));
                }
            }
            all
        }
        ManageContactPerson | ManageMeetingPlace | ReadSignal | ReadWebhooks | ManageWebhooks => {
            vec![
                Target::OwnedBy(Some(OWN)),
                Target::OwnedBy(Some(Uuid::from_u128(2))),
            ]
        }
        ReadReferenceData | ReadOrganisations | ReadInternalNotes | CreateProject
        | ReviewProject | ReportSignal | ReadSignalStatistics | ChangeSignalStatus
        | ManageOrganisations => vec![Target::None],
    }
}

/// The caller's organisation's part in the project of a situation.
fn participation(target: &Target) -> Option<ParticipantRole> {
    match target {
        Target::Project { participation, .. } => *participation,
        _ => None,
    }
}

/// A condition on the situation, as the matrix words it.
type Condition = dyn Fn(&Target) -> bool;

/// What one caller may do: `yes`, `no`, or the condition in words.
fn cell(caller: Option<&Principal>, action: Action) -> String {
    let situations = situations(action);
    let allowed: Vec<Target> = situations
        .iter()
        .copied()
        .filter(|target| decide(caller, action, *target).allowed)
        .collect();
    if allowed.is_empty() {
        return "no".into();
    }
    if allowed.len() == situations.len() {
        return "yes".into();
    }
    let all_where = |test: &Condition| {
        situations
            .iter()
            .all(|target| test(target) == allowed.contains(target))
    };
    let conditions: [(&str, &Condition); 5] = [
        ("`SHARED`, or own org participates", &|t| {
            matches!(
                t,
                Target::Project {
                    visibility: Visibility::Shared,
                    ..
                }
            ) || participation(t).is_some()
        }),
        ("own org participates", &|t| participation(t).is_some()),
        ("own org is `LEAD` or `CONTRIBUTOR`", &|t| {
            matches!(
                participation(t),
                Some(ParticipantRole::Lead | ParticipantRole::Contributor)
            )
        }),
        ("own org is `LEAD`", &|t| {
            participation(t) == Some(ParticipantRole::Lead)
        }),
        (
            "its own org's",
            &|t| matches!(t, Target::OwnedBy(Some(owner)) if *owner == OWN),
        ),
    ];
    conditions
        .iter()
        .find(|(_, test)| all_where(test))
        .map(|(words, _)| (*words).to_owned())
        .unwrap_or_else(|| panic!("{action:?}: no words for what the rule allows; add them here"))
}

/// `ReadProject` → `READ_PROJECT`, as the API's `AccessAction` spells it.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The matrix as the code decides it, in Markdown.
fn matrix() -> String {
    let callers: Vec<(&str, Option<Principal>)> = CALLERS
        .iter()
        .map(|(name, who)| {
            (
                *name,
                who.map(|(kind, role)| Principal {
                    subject: "doc".into(),
                    organisation_id: OWN,
                    organisation_code: "doc".into(),
                    organisation_kind: kind,
                    role,
                    client: None,
                }),
            )
        })
        .collect();
    let mut out = String::from("| action (`AccessAction`) |");
    for (name, _) in &callers {
        out.push_str(&format!(" {name} |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(callers.len()));
    out.push('\n');
    for (action, name, doc) in ACTIONS {
        out.push_str(&format!("| {} (`{}`) |", doc.trim(), screaming(name)));
        for (_, caller) in &callers {
            out.push_str(&format!(" {} |", cell(caller.as_ref(), *action)));
        }
        out.push('\n');
    }
    out
}

/// The phase moves as the code allows them, in Markdown.
fn phases() -> String {
    let mut out = String::from("| from | may move to |\n|---|---|\n");
    for from in Phase::iter() {
        let to: Vec<String> = Phase::iter()
            .filter(|to| *to != from && phase_move_allowed(from, *to))
            .map(|to| format!("`{}`", to.as_str()))
            .collect();
        let to = if to.is_empty() {
            "nothing (final)".to_owned()
        } else {
            to.join(", ")
        };
        out.push_str(&format!("| `{}` | {to} |\n", from.as_str()));
    }
    out
}

/// The text between `<!-- name:start -->` and `<!-- name:end -->` in the document.
fn block(name: &str) -> &'static str {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = DOC
        .find(&start)
        .unwrap_or_else(|| panic!("docs/permissions.md has no {start}"))
        + start.len();
    let to = DOC[from..]
        .find(&end)
        .unwrap_or_else(|| panic!("docs/permissions.md has no {end}"));
    &DOC[from..from + to]
}

#[test]
fn the_documented_matrix_is_the_one_the_code_decides() {
    let code = matrix();
    assert!(
        block("matrix") == code,
        "docs/permissions.md's matrix differs from policy::decide; the code's is:\n\n{code}"
    );
}

#[test]
fn the_documented_phase_moves_are_the_ones_the_code_allows() {
    let code = phases();
    assert!(
        block("phases") == code,
        "docs/permissions.md's phase moves differ from phase_move_allowed; the code's are:\n\n{code}"
    );
}

/// What a partner reads must be in the repository they have: every relative link of the README
/// and of `docs/` names a file that exists, and none leaves the repository.
#[test]
fn the_readme_and_docs_link_only_to_files_in_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("page");
        let dir = page.parent().expect("folder");
        assert!(
            !text.contains("../shared/") && !text.contains("shared/design"),
            "{} names a file outside the repository",
            page.display()
        );
        for (at, _) in text.match_indices("](") {
            let target = &text[at + 2..];
            let Some(end) = target.find(')') else {
                continue;
            };
            let target = target[..end].split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let file = dir.join(target);
            assert!(
                file.exists() && file.canonicalize().is_ok_and(|f| f.starts_with(root)),
                "{} links to {target}, which is not in the repository",
                page.display()
            );
        }
    }
}
