//! The closed vocabularies of the domain, stored as text (the migration keeps them valid with CHECK).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        pub enum $name {
            $(
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl $name {
            /// The value as stored and as spelled in the API.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }

            /// Parses the stored spelling.
            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $($value => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        /// Compares with the stored spelling, as the API and `DOMAIN.md` write it.
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

text_enum!(OrganisationKind {
    CityDepartment = "CITY_DEPARTMENT",
    Partner = "PARTNER",
});

text_enum!(PartnerType {
    HousingCorporation = "HOUSING_CORPORATION",
    WelfareOrganisation = "WELFARE_ORGANISATION",
    Health = "HEALTH",
    Education = "EDUCATION",
    Police = "POLICE",
    Library = "LIBRARY",
    ResidentsOrganisation = "RESIDENTS_ORGANISATION",
    Fund = "FUND",
    NationalGovernment = "NATIONAL_GOVERNMENT",
    Business = "BUSINESS",
    Other = "OTHER",
});

text_enum!(ContactFunction {
    Wijkmanager = "WIJKMANAGER",
    CommunityWorker = "COMMUNITY_WORKER",
    YouthWorker = "YOUTH_WORKER",
    NeighbourhoodOfficer = "NEIGHBOURHOOD_OFFICER",
    ProjectLead = "PROJECT_LEAD",
    PolicyAdviser = "POLICY_ADVISER",
    SiteManager = "SITE_MANAGER",
    Other = "OTHER",
});

text_enum!(Phase {
    Idea = "IDEA",
    Intake = "INTAKE",
    Reviewed = "REVIEWED",
    Approved = "APPROVED",
    Running = "RUNNING",
    Paused = "PAUSED",
    Completed = "COMPLETED",
    Evaluated = "EVALUATED",
    Embedded = "EMBEDDED",
    Stopped = "STOPPED",
});

text_enum!(Visibility {
    Shared = "SHARED",
    Internal = "INTERNAL",
});

text_enum!(Theme {
    Housing = "HOUSING",
    Work = "WORK",
    Education = "EDUCATION",
    Health = "HEALTH",
    Safety = "SAFETY",
    Participation = "PARTICIPATION",
    Poverty = "POVERTY",
    LivingEnvironment = "LIVING_ENVIRONMENT",
    Youth = "YOUTH",
    Meeting = "MEETING",
});

text_enum!(ParticipantRole {
    Lead = "LEAD",
    Contributor = "CONTRIBUTOR",
    Funder = "FUNDER",
    Adviser = "ADVISER",
});

text_enum!(FundingSource {
    Municipality = "MUNICIPALITY",
    HousingCorporation = "HOUSING_CORPORATION",
    NationalGovernment = "NATIONAL_GOVERNMENT",
    Fund = "FUND",
    OwnContribution = "OWN_CONTRIBUTION",
    Other = "OTHER",
});

text_enum!(BudgetStatus {
    Budgeted = "BUDGETED",
    Requested = "REQUESTED",
    Granted = "GRANTED",
    Advanced = "ADVANCED",
    Settled = "SETTLED",
    Rejected = "REJECTED",
});

text_enum!(ReviewDecision {
    Approve = "APPROVE",
    Reject = "REJECT",
    Hold = "HOLD",
});

text_enum!(ContinuationStatus {
    NotStarted = "NOT_STARTED",
    Preparing = "PREPARING",
    Secured = "SECURED",
    NotSecured = "NOT_SECURED",
});

text_enum!(LinkKind {
    BuildsOn = "BUILDS_ON",
    Complements = "COMPLEMENTS",
    Overlaps = "OVERLAPS",
});

text_enum!(EvaluationKind {
    Midterm = "MIDTERM",
    Final = "FINAL",
    FollowUp = "FOLLOW_UP",
});

text_enum!(MeetingPlaceKind {
    CommunityCentre = "COMMUNITY_CENTRE",
    NeighbourhoodHouse = "NEIGHBOURHOOD_HOUSE",
    NeighbourhoodRoom = "NEIGHBOURHOOD_ROOM",
    Library = "LIBRARY",
    School = "SCHOOL",
    Sports = "SPORTS",
    Faith = "FAITH",
    Outdoor = "OUTDOOR",
    Other = "OTHER",
});

text_enum!(Management {
    WelfareOrganisation = "WELFARE_ORGANISATION",
    SelfManaged = "SELF_MANAGED",
    Municipality = "MUNICIPALITY",
    HousingCorporation = "HOUSING_CORPORATION",
    Other = "OTHER",
});

text_enum!(Urgency {
    Low = "LOW",
    Medium = "MEDIUM",
    High = "HIGH",
});

text_enum!(SignalStatus {
    New = "NEW",
    InProgress = "IN_PROGRESS",
    Escalated = "ESCALATED",
    PolicyAdjusted = "POLICY_ADJUSTED",
    Closed = "CLOSED",
    Dismissed = "DISMISSED",
});

text_enum!(Role {
    Admin = "ADMIN",
    Editor = "EDITOR",
    Viewer = "VIEWER",
});

text_enum!(ChangeOperation {
    Created = "CREATED",
    Updated = "UPDATED",
    Deleted = "DELETED",
});

text_enum!(AuditResult {
    Success = "SUCCESS",
    Denied = "DENIED",
    Failed = "FAILED",
});
