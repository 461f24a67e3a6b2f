//! The GraphQL enums, mirroring the stored vocabularies of `entity` one to one. They are separate
//! types so that every value carries a description and a schema change is always deliberate.

macro_rules! api_enum {
    ($(#[doc = $doc:literal])* $name:ident => $entity:ident { $($(#[doc = $vdoc:literal])+ $variant:ident),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[doc = $vdoc])+ $variant,)+
        }

        impl From<entity::$entity> for $name {
            fn from(value: entity::$entity) -> Self {
                match value {
                    $(entity::$entity::$variant => Self::$variant,)+
                }
            }
        }

        impl From<$name> for entity::$entity {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => Self::$variant,)+
                }
            }
        }
    };
}

api_enum!(
    /// Whether an organisation is a city department or a partner.
    OrganisationKind => OrganisationKind {
        /// A department (vakdienst) of the municipality, or the programme office.
        CityDepartment,
        /// Any organisation outside the municipality that takes part.
        Partner,
    }
);

api_enum!(
    /// What kind of partner an organisation is.
    PartnerType => PartnerType {
        /// A housing corporation (woningcorporatie).
        HousingCorporation,
        /// A welfare organisation (welzijnsorganisatie).
        WelfareOrganisation,
        /// A health organisation, such as the GGD.
        Health,
        /// A school or other education institution.
        Education,
        /// The police.
        Police,
        /// A public library.
        Library,
        /// A residents' organisation (bewonersorganisatie).
        ResidentsOrganisation,
        /// A fund that finances projects.
        Fund,
        /// A ministry or other national government body.
        NationalGovernment,
        /// A business.
        Business,
        /// Anything else.
        Other,
    }
);

api_enum!(
    /// The function of a contact person.
    ContactFunction => ContactFunction {
        /// A wijkmanager, with a mandate from the stadsdeel.
        Wijkmanager,
        /// A community worker (opbouwwerker).
        CommunityWorker,
        /// A youth worker (jongerenwerker).
        YouthWorker,
        /// A neighbourhood police officer (wijkagent).
        NeighbourhoodOfficer,
        /// The lead of a project.
        ProjectLead,
        /// A policy adviser.
        PolicyAdviser,
        /// The manager of a site or meeting place.
        SiteManager,
        /// Anything else.
        Other,
    }
);

api_enum!(
    /// The phase of a project. Allowed moves: IDEA → INTAKE → REVIEWED → APPROVED → RUNNING ⇄
    /// PAUSED → COMPLETED → EVALUATED → EMBEDDED, and from any phase before COMPLETED → STOPPED.
    Phase => Phase {
        /// A first idea.
        Idea,
        /// Being taken in by the programme office.
        Intake,
        /// Tested by the programme office.
        Reviewed,
        /// Approved to start.
        Approved,
        /// Running.
        Running,
        /// Temporarily paused.
        Paused,
        /// Finished.
        Completed,
        /// Finished and evaluated.
        Evaluated,
        /// Carried on in regular work after the project money stopped (geborgd).
        Embedded,
        /// Stopped before completion.
        Stopped,
    }
);

api_enum!(
    /// Who may read a project.
    Visibility => Visibility {
        /// Every signed-in partner and the city.
        Shared,
        /// Only its participants and the city.
        Internal,
    }
);

api_enum!(
    /// A policy theme.
    Theme => Theme {
        /// Housing (wonen).
        Housing,
        /// Work (werk).
        Work,
        /// Education (onderwijs).
        Education,
        /// Health (gezondheid).
        Health,
        /// Safety (veiligheid).
        Safety,
        /// Participation (participatie).
        Participation,
        /// Poverty (armoede).
        Poverty,
        /// The living environment (leefomgeving).
        LivingEnvironment,
        /// Youth (jeugd).
        Youth,
        /// Meeting each other (ontmoeting).
        Meeting,
    }
);

api_enum!(
    /// The role of an organisation in a project.
    ParticipantRole => ParticipantRole {
        /// Leads the project; exactly one per project.
        Lead,
        /// Contributes work.
        Contributor,
        /// Contributes money.
        Funder,
        /// Advises.
        Adviser,
    }
);

api_enum!(
    /// Where a budget line's money comes from.
    FundingSource => FundingSource {
        /// The municipality.
        Municipality,
        /// A housing corporation.
        HousingCorporation,
        /// The national government.
        NationalGovernment,
        /// A fund.
        Fund,
        /// The participants' own contribution.
        OwnContribution,
        /// Anything else.
        Other,
    }
);

api_enum!(
    /// The status of a budget line.
    BudgetStatus => BudgetStatus {
        /// Planned in the budget.
        Budgeted,
        /// Requested from the funder.
        Requested,
        /// Granted by the funder.
        Granted,
        /// Paid in advance.
        Advanced,
        /// Settled after the fact.
        Settled,
        /// Refused by the funder.
        Rejected,
    }
);

api_enum!(
    /// The programme office's decision on a project.
    ReviewDecision => ReviewDecision {
        /// Approved.
        Approve,
        /// Rejected.
        Reject,
        /// On hold until questions are answered.
        Hold,
    }
);

api_enum!(
    /// The status of a project's continuation after its end (borging).
    ContinuationStatus => ContinuationStatus {
        /// Nothing arranged yet.
        NotStarted,
        /// Being arranged.
        Preparing,
        /// Arranged: someone carries it on, with money.
        Secured,
        /// It will not be carried on.
        NotSecured,
    }
);

api_enum!(
    /// How two projects relate.
    LinkKind => LinkKind {
        /// This project builds on the other.
        BuildsOn,
        /// The projects complement each other.
        Complements,
        /// The projects overlap.
        Overlaps,
    }
);

api_enum!(
    /// The moment of an evaluation.
    EvaluationKind => EvaluationKind {
        /// Halfway through the project.
        Midterm,
        /// At the end of the project.
        Final,
        /// Some time after the end.
        FollowUp,
    }
);

api_enum!(
    /// The kind of a meeting place.
    MeetingPlaceKind => MeetingPlaceKind {
        /// A community centre (wijkcentrum).
        CommunityCentre,
        /// A neighbourhood house (buurthuis).
        NeighbourhoodHouse,
        /// A neighbourhood room (buurtkamer).
        NeighbourhoodRoom,
        /// A library.
        Library,
        /// A school.
        School,
        /// A sports venue.
        Sports,
        /// A church, mosque or other place of faith.
        Faith,
        /// An outdoor place.
        Outdoor,
        /// Anything else.
        Other,
    }
);

api_enum!(
    /// Who runs a meeting place.
    Management => Management {
        /// A welfare organisation.
        WelfareOrganisation,
        /// The residents themselves (zelfbeheer).
        SelfManaged,
        /// The municipality.
        Municipality,
        /// A housing corporation.
        HousingCorporation,
        /// Anything else.
        Other,
    }
);

api_enum!(
    /// How urgent a signal is.
    Urgency => Urgency {
        /// Can wait.
        Low,
        /// Needs attention soon.
        Medium,
        /// Needs attention now.
        High,
    }
);

api_enum!(
    /// Where a signal is in its handling: NEW → IN_PROGRESS → ESCALATED → POLICY_ADJUSTED →
    /// CLOSED, or DISMISSED.
    SignalStatus => SignalStatus {
        /// Just reported.
        New,
        /// Being looked into.
        InProgress,
        /// Taken to the political level.
        Escalated,
        /// Policy was adjusted in response.
        PolicyAdjusted,
        /// Handled.
        Closed,
        /// Not taken up.
        Dismissed,
    }
);

api_enum!(
    /// What a caller may do, together with the kind of its organisation.
    Role => Role {
        /// The programme office: everything (only for a city department).
        Admin,
        /// Reads and writes what the permission matrix allows.
        Editor,
        /// Reads only.
        Viewer,
    }
);
