/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A calendar date, exactly `YYYY-MM-DD` (RFC 3339 `full-date`, e.g. `2026-03-01`): four-digit
   * year, two-digit month and day, no sign, no spaces, no time or zone.
   */
  Date: { input: string; output: string; }
  /** A point in time as an RFC 3339 `date-time` string. Answers are in UTC with the offset written out and the fractions of a second as stored, e.g. `2026-03-01T09:30:00.123456+00:00`; input may carry any offset (`Z`, `+01:00`). */
  DateTime: { input: string; output: string; }
  /**
   * An amount of money in euros (ISO 4217 `EUR`, two minor units) as a JSON string: an
   * optional `-`, whole euros, and optionally `.` with one or two digits of cents. Answers always
   * carry two decimals (`"12500.00"`); input may omit them (`"12500"`, `"12500.5"`). A string
   * because a GraphQL `Int` is 32-bit and a `Float` loses cents.
   */
  Euro: { input: string; output: string; }
};

/** A row of the permission matrix. */
export type AccessAction =
  /** Add an evaluation to a project. */
  | 'ADD_EVALUATION'
  /** Change a signal's status (triage, escalate). */
  | 'CHANGE_SIGNAL_STATUS'
  /** Create a project. */
  | 'CREATE_PROJECT'
  /** Create, update or delete a contact person. */
  | 'MANAGE_CONTACT_PERSON'
  /** Create, update or delete a meeting place. */
  | 'MANAGE_MEETING_PLACE'
  /** Manage organisations and API clients. */
  | 'MANAGE_ORGANISATIONS'
  /** Delete a project, manage its participants, budget, effect assessments and continuation. */
  | 'MANAGE_PROJECT'
  /** Create, update, delete, rotate and replay an organisation's webhooks. */
  | 'MANAGE_WEBHOOKS'
  /** Read internal notes of projects and signals. */
  | 'READ_INTERNAL_NOTES'
  /** Read non-public evaluations. */
  | 'READ_NON_PUBLIC_EVALUATIONS'
  /** Read organisations and contact persons. */
  | 'READ_ORGANISATIONS'
  /** Read a project. */
  | 'READ_PROJECT'
  /** Read a project's budget. */
  | 'READ_PROJECT_BUDGET'
  /** Read stadsdelen, wijken, effects and meeting places. */
  | 'READ_REFERENCE_DATA'
  /** Read a project's review. */
  | 'READ_REVIEW'
  /** Read a signal. */
  | 'READ_SIGNAL'
  /** Read signal statistics. */
  | 'READ_SIGNAL_STATISTICS'
  /** Read an organisation's webhooks and their deliveries. */
  | 'READ_WEBHOOKS'
  /** Report a signal. */
  | 'REPORT_SIGNAL'
  /** Review a project (the programme office's test). */
  | 'REVIEW_PROJECT'
  /** Update a project. */
  | 'UPDATE_PROJECT';

/** The answer of `explainAccess`. */
export type AccessExplanation = {
  __typename?: 'AccessExplanation';
  /** The action asked about. */
  action: AccessAction;
  /** Whether the action would be allowed. */
  allowed: Scalars['Boolean']['output'];
  /** The organisation asked about. */
  organisation: Organisation;
  /** The role asked about. */
  role: Role;
  /** The rule of the permission matrix that decides. */
  rule: Scalars['String']['output'];
};

/** What a place offers people with a disability or a sensitivity. */
export type Accessibility = {
  __typename?: 'Accessibility';
  /** Has an adapted toilet. */
  adaptedToilet: Scalars['Boolean']['output'];
  /** Has a hearing loop (ringleiding). */
  hearingLoop: Scalars['Boolean']['output'];
  /** Has a lift. */
  lift: Scalars['Boolean']['output'];
  /** Offers a low-stimulus (prikkelarm) space or time. */
  lowStimulus: Scalars['Boolean']['output'];
  /** Accessible by wheelchair. */
  wheelchair: Scalars['Boolean']['output'];
};

/** A postal address in The Hague. */
export type Address = {
  __typename?: 'Address';
  /** City. */
  city: Scalars['String']['output'];
  /** House number with any addition, e.g. `12a`. */
  houseNumber: Scalars['String']['output'];
  /** Postcode, e.g. `2533 AB`. */
  postcode: Scalars['String']['output'];
  /** Street name. */
  street: Scalars['String']['output'];
};

/** An API client: the credentials of a partner's app or sync job for `POST /oauth/token`. */
export type ApiClient = {
  __typename?: 'ApiClient';
  /** How it authenticates at `POST /oauth/token`. */
  authentication: ClientAuthentication;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The `client_id`. */
  id: Scalars['ID']['output'];
  /** When it last obtained a token. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the client is for, e.g. `Nachtelijke sync Haag Wonen`. */
  name: Scalars['String']['output'];
  /** The organisation it acts for. */
  organisation?: Maybe<Organisation>;
  /**
   * The public key it signs its assertions with (PEM or JWK, as registered); none for a
   * client with a secret.
   */
  publicKey?: Maybe<Scalars['String']['output']>;
  /** When it was revoked; its tokens stop working at once. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The role its tokens carry. */
  role: Role;
};

/** A project's scores on one effect (0 = none, 3 = strong). */
export type AssessEffectInput = {
  /** The effect's code, e.g. `SOCIAL_COHESION`. */
  effectCode: Scalars['String']['input'];
  /** What the scores rest on. */
  evidence?: InputMaybe<Scalars['String']['input']>;
  /** Expected score, 0–3. */
  expectedScore: Scalars['Int']['input'];
  /** Observed score so far, 0–3. */
  observedScore?: InputMaybe<Scalars['Int']['input']>;
};

/** Money with one source, status and year. */
export type BudgetAmount = {
  __typename?: 'BudgetAmount';
  /** The amount. */
  amount: Scalars['Euro']['output'];
  /** Where the money comes from. */
  source: FundingSource;
  /** How far the money is. */
  status: BudgetStatus;
  /** The budget year. */
  year: Scalars['Int']['output'];
};

/** One line of a project's budget. */
export type BudgetLine = {
  __typename?: 'BudgetLine';
  /** Amount in euros. */
  amount: Scalars['Euro']['output'];
  /** The organisation paying, when known. */
  funder?: Maybe<Organisation>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The funding scheme, e.g. `Regio Deal Zuidwest`. */
  scheme?: Maybe<Scalars['String']['output']>;
  /** Where the money comes from. */
  source: FundingSource;
  /** Where the money is in its cycle. */
  status: BudgetStatus;
  /** Budget year. */
  year: Scalars['Int']['output'];
};

/** A line of a project's budget, as set by `setBudgetLine`. */
export type BudgetLineInput = {
  /** Amount in euros. */
  amount: Scalars['Euro']['input'];
  /** The organisation paying. */
  funderOrganisationId?: InputMaybe<Scalars['ID']['input']>;
  /** The funding scheme, e.g. `Regio Deal Zuidwest`. */
  scheme?: InputMaybe<Scalars['String']['input']>;
  /** Where the money comes from. */
  source: FundingSource;
  /** Where the money is in its cycle. */
  status: BudgetStatus;
  /** Budget year, 2000–2100. */
  year: Scalars['Int']['input'];
};

/** The status of a budget line. */
export type BudgetStatus =
  /** Paid in advance. */
  | 'ADVANCED'
  /** Planned in the budget. */
  | 'BUDGETED'
  /** Granted by the funder. */
  | 'GRANTED'
  /** Refused by the funder. */
  | 'REJECTED'
  /** Requested from the funder. */
  | 'REQUESTED'
  /** Settled after the fact. */
  | 'SETTLED';

/** One committed change. */
export type Change = {
  __typename?: 'Change';
  /** When the change was committed. */
  changedAt: Scalars['DateTime']['output'];
  /** Pass as `after` to continue after this change. */
  cursor: Scalars['String']['output'];
  /** Its id. */
  entityId: Scalars['ID']['output'];
  /** What kind of object changed. */
  entityType?: Maybe<EntityType>;
  /** The object as it is now; null when it is to be dropped. */
  object?: Maybe<ChangedObject>;
  /** What happened; `DELETED` means: drop it from your mirror. */
  operation: ChangeOperation;
  /** The object's version after the change. */
  version: Scalars['Int']['output'];
};

/** A page of the change feed. */
export type ChangeConnection = {
  __typename?: 'ChangeConnection';
  /** The changes with their cursors. */
  edges: Array<ChangeEdge>;
  /** The changes. */
  nodes: Array<Change>;
  /** Where the page ends. */
  pageInfo: ChangePageInfo;
};

/** One change with its cursor. */
export type ChangeEdge = {
  __typename?: 'ChangeEdge';
  /** Pass as `after` to continue after this change. */
  cursor: Scalars['String']['output'];
  /** The change. */
  node: Change;
};

/** What happened to the object. */
export type ChangeOperation =
  /** It appeared (or, in a first sync, it exists). */
  | 'CREATED'
  /** Drop it: it was deleted, or you may no longer read it. */
  | 'DELETED'
  /** It changed. */
  | 'UPDATED';

/** Where a feed page ends. */
export type ChangePageInfo = {
  __typename?: 'ChangePageInfo';
  /** Store this and pass it as `after` next time, also when the page was empty. */
  endCursor: Scalars['String']['output'];
  /** Whether more changes are waiting now (more will come later either way). */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The object of a change, as it is now. */
export type ChangedObject = ContactPerson | Department | MeetingPlace | Partner | Project | Signal;

/** How an API client authenticates at `POST /oauth/token`. */
export type ClientAuthentication =
  /** With its `client_secret` (HTTP Basic or the form). */
  | 'CLIENT_SECRET'
  /** With a JWT signed by its private key (`private_key_jwt`, RFC 7523). */
  | 'PRIVATE_KEY_JWT';

/** The function of a contact person. */
export type ContactFunction =
  /** A community worker (opbouwwerker). */
  | 'COMMUNITY_WORKER'
  /** A neighbourhood police officer (wijkagent). */
  | 'NEIGHBOURHOOD_OFFICER'
  /** Anything else. */
  | 'OTHER'
  /** A policy adviser. */
  | 'POLICY_ADVISER'
  /** The lead of a project. */
  | 'PROJECT_LEAD'
  /** The manager of a site or meeting place. */
  | 'SITE_MANAGER'
  /** A wijkmanager, with a mandate from the stadsdeel. */
  | 'WIJKMANAGER'
  /** A youth worker (jongerenwerker). */
  | 'YOUTH_WORKER';

/** A professional contact: work e-mail and phone only. Deleted (not archived) when removed. */
export type ContactPerson = {
  __typename?: 'ContactPerson';
  /** Work e-mail address. */
  email: Scalars['String']['output'];
  /** What the person does. */
  function: ContactFunction;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Full name. */
  name: Scalars['String']['output'];
  /** The organisation the person works for. */
  organisation?: Maybe<Organisation>;
  /** Work phone number. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** What you may do to this person, by the same rules the mutations apply. */
  viewerCan: WriteRights;
  /** The wijken the person works in. */
  wijken: Array<Wijk>;
};

/** A page of contact persons, keyset-paginated with `first` and `after`. */
export type ContactPersonConnection = {
  __typename?: 'ContactPersonConnection';
  /** The items of this page with their cursors. */
  edges: Array<ContactPersonEdge>;
  /** The items of this page. */
  nodes: Array<ContactPerson>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of contact persons with its cursor. */
export type ContactPersonEdge = {
  __typename?: 'ContactPersonEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ContactPerson;
};

/** Narrows `contactPersons`. */
export type ContactPersonFilter = {
  /** Only people with this function. */
  function?: InputMaybe<ContactFunction>;
  /** Only people of this organisation. */
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only people working in this wijk (CBS code). */
  wijkCode?: InputMaybe<Scalars['String']['input']>;
};

/** A contact person, whole: work details only. */
export type ContactPersonInput = {
  /** Work e-mail address. */
  email: Scalars['String']['input'];
  /** What they do. */
  function: ContactFunction;
  /** Full name. */
  name: Scalars['String']['input'];
  /** The organisation they work for (a partner: its own, the default). */
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Work phone number. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The wijken they work in (CBS codes). */
  wijkCodes?: Array<Scalars['String']['input']>;
};

/** How a project is carried on after its end (borging). */
export type Continuation = {
  __typename?: 'Continuation';
  /** Who carries it on. */
  carrier?: Maybe<Organisation>;
  /** With what money. */
  funding: Scalars['String']['output'];
  /** Remarks. */
  note?: Maybe<Scalars['String']['output']>;
  /** How far it is arranged. */
  status: ContinuationStatus;
};

/** Number of continuation (borging) decisions with one status. */
export type ContinuationCount = {
  __typename?: 'ContinuationCount';
  /** Number of projects. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: ContinuationStatus;
};

/** Who carries a project on after its end. */
export type ContinuationInput = {
  /** The organisation that carries it on. */
  carrierOrganisationId?: InputMaybe<Scalars['ID']['input']>;
  /** With what money. */
  funding: Scalars['String']['input'];
  /** Remarks. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How far it is arranged. */
  status: ContinuationStatus;
};

/** The status of a project's continuation after its end (borging). */
export type ContinuationStatus =
  /** It will not be carried on. */
  | 'NOT_SECURED'
  /** Nothing arranged yet. */
  | 'NOT_STARTED'
  /** Being arranged. */
  | 'PREPARING'
  /** Arranged: someone carries it on, with money. */
  | 'SECURED';

/** A point on the map (WGS 84). */
export type Coordinates = {
  __typename?: 'Coordinates';
  /** Latitude in degrees. */
  latitude: Scalars['Float']['output'];
  /** Longitude in degrees. */
  longitude: Scalars['Float']['output'];
};

/** A new API client. */
export type CreateApiClientInput = {
  /** What it is for. */
  name: Scalars['String']['input'];
  /** The organisation it acts for. */
  organisationId: Scalars['ID']['input'];
  /** The role its tokens carry (ADMIN only for a city department). */
  role: Role;
};

/** A new API client that authenticates with a key pair instead of a secret. */
export type CreateApiClientWithKeyInput = {
  /** What it is for. */
  name: Scalars['String']['input'];
  /** The organisation it acts for. */
  organisationId: Scalars['ID']['input'];
  /**
   * Its public key: PEM (`-----BEGIN PUBLIC KEY-----`) or one JWK; RSA (RS256), P-256
   * (ES256) or Ed25519 (EdDSA). Never the private key.
   */
  publicKey: Scalars['String']['input'];
  /** The role its tokens carry (ADMIN only for a city department). */
  role: Role;
};

/** A new organisation. */
export type CreateOrganisationInput = {
  /** Stable, human-readable code: lower-case letters, digits and hyphens (`haag-wonen`). */
  code: Scalars['String']['input'];
  /** For departments: the department's own code (`DPZ`). */
  departmentCode?: InputMaybe<Scalars['String']['input']>;
  /** What the organisation does in the wijken. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** City department or partner. */
  kind: OrganisationKind;
  /** Display name. */
  name: Scalars['String']['input'];
  /** The umbrella organisation. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** For partners: what kind of partner. */
  partnerType?: InputMaybe<PartnerType>;
  /** Public website. */
  website?: InputMaybe<Scalars['String']['input']>;
};

/** A new project. A partner's own organisation becomes its LEAD. */
export type CreateProjectInput = {
  /** Its contact person. */
  contactPersonId?: InputMaybe<Scalars['ID']['input']>;
  /** Last day; not before `startsOn`. */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** Notes for the city only (city callers only). */
  internalNotes?: InputMaybe<Scalars['String']['input']>;
  /** The leading organisation (city callers only; default: your own). */
  leadOrganisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Meeting places it uses. */
  meetingPlaceIds?: Array<Scalars['ID']['input']>;
  /** IDEA (default) or INTAKE. */
  phase?: InputMaybe<Phase>;
  /** First day. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** What the project does and for whom, at most 5,000 characters. */
  summary: Scalars['String']['input'];
  /** Who it is for, in words (groups, never persons). */
  targetGroups?: Array<Scalars['String']['input']>;
  /** Policy themes (at least one). */
  themes: Array<Theme>;
  /** Title, 1–200 characters. */
  title: Scalars['String']['input'];
  /** Who may read it. */
  visibility?: Visibility;
  /** CBS codes of the wijken it runs in (at least one). */
  wijkCodes: Array<Scalars['String']['input']>;
};

/** A new webhook. */
export type CreateWebhookInput = {
  /** What the webhook is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The kinds of object whose changes are delivered (default: all). */
  entityTypes?: InputMaybe<Array<EntityType>>;
  /**
   * The organisation whose view of the feed is delivered (default: yours; another one only
   * for ADMIN).
   */
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Where events are posted: an `https` URL on a public address. */
  url: Scalars['String']['input'];
};

/** A new API client with its secret: the only time the secret is shown. */
export type CreatedApiClient = {
  __typename?: 'CreatedApiClient';
  /** The client. */
  client: ApiClient;
  /**
   * The `client_secret`. Store it now: it is kept only as a hash and cannot be shown again.
   * A replayed answer (`Idempotency-Key`) never repeats it: there it is empty, and
   * `extensions.secretWithheld` says so.
   */
  secret: Scalars['String']['output'];
};

/** A new webhook with its signing secret: the only time the secret is shown. */
export type CreatedWebhook = {
  __typename?: 'CreatedWebhook';
  /**
   * The signing secret (`whsec_…`) for the `standardwebhooks` libraries. Store it now: it
   * cannot be shown again. A replayed answer (`Idempotency-Key`) never repeats it: there it
   * is empty, and `extensions.secretWithheld` says so.
   */
  secret: Scalars['String']['output'];
  /** The webhook. */
  webhook: Webhook;
};

/** What is left of a deleted object: its id and final version. */
export type DeletedObject = {
  __typename?: 'DeletedObject';
  /** The id of the deleted object. */
  id: Scalars['ID']['output'];
  /** Its version after the delete. */
  version: Scalars['Int']['output'];
};

/** What is left of a deleted webhook. */
export type DeletedWebhook = {
  __typename?: 'DeletedWebhook';
  /** The id of the deleted webhook. */
  id: Scalars['ID']['output'];
};

/** Where a delivery stands. */
export type DeliveryStatus =
  /** The endpoint acknowledged it with a 2xx answer. */
  | 'DELIVERED'
  /** Waiting for its first attempt or a retry. */
  | 'PENDING'
  /** Not sent after all: the organisation may no longer see the change. */
  | 'WITHDRAWN';

/** A city department (vakdienst), or the programme office. */
export type Department = Node & Organisation & {
  __typename?: 'Department';
  /** Inactive organisations can no longer sign in. */
  active: Scalars['Boolean']['output'];
  /** The organisation's API clients (ADMIN only; others get an error). */
  apiClients: Array<ApiClient>;
  /** Stable, human-readable code, e.g. `haag-wonen`. */
  code: Scalars['String']['output'];
  /** The organisation's contact persons, by name. */
  contactPersons: Array<ContactPerson>;
  /** The department's own code, e.g. `DPZ`. */
  departmentCode?: Maybe<Scalars['String']['output']>;
  /** What the organisation does in the wijken. */
  description?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** City department or partner. */
  kind: OrganisationKind;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** What you may do to this organisation (ADMIN manages organisations). */
  viewerCan: WriteRights;
  /** Public website. */
  website?: Maybe<Scalars['String']['output']>;
};

/** A page of departments, keyset-paginated with `first` and `after`. */
export type DepartmentConnection = {
  __typename?: 'DepartmentConnection';
  /** The items of this page with their cursors. */
  edges: Array<DepartmentEdge>;
  /** The items of this page. */
  nodes: Array<Department>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of departments with its cursor. */
export type DepartmentEdge = {
  __typename?: 'DepartmentEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Department;
};

/** One of the effects every project is weighed against. The programme office edits this table. */
export type Effect = {
  __typename?: 'Effect';
  /** Whether new assessments use this effect. */
  active: Scalars['Boolean']['output'];
  /** Stable code, e.g. `SOCIAL_COHESION`. */
  code: Scalars['String']['output'];
  /** What the effect means. */
  description: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Dutch display name, e.g. `Sociale cohesie`. */
  name: Scalars['String']['output'];
  /** Position in lists. */
  order: Scalars['Int']['output'];
};

/** A project's score on one effect (0 = none, 3 = strong). */
export type EffectAssessment = {
  __typename?: 'EffectAssessment';
  /** Who assessed. */
  assessedBy?: Maybe<Organisation>;
  /** When. */
  assessedOn: Scalars['Date']['output'];
  /** The effect. */
  effect?: Maybe<Effect>;
  /** What the scores rest on. */
  evidence?: Maybe<Scalars['String']['output']>;
  /** The score expected at the start, 0–3. */
  expectedScore: Scalars['Int']['output'];
  /** The score observed so far, 0–3; null until observed. */
  observedScore?: Maybe<Scalars['Int']['output']>;
};

/** A page of effects, keyset-paginated with `first` and `after`. */
export type EffectConnection = {
  __typename?: 'EffectConnection';
  /** The items of this page with their cursors. */
  edges: Array<EffectEdge>;
  /** The items of this page. */
  nodes: Array<Effect>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** How the projects of a wijk score on one effect. */
export type EffectCoverage = {
  __typename?: 'EffectCoverage';
  /** The effect. */
  effect: Effect;
  /** Mean observed score (0–3) over the projects with one; null when none has one. */
  meanObservedScore?: Maybe<Scalars['Float']['output']>;
  /** Projects assessed on this effect. */
  projectsAssessed: Scalars['Int']['output'];
  /** Projects with an observed score on this effect. */
  projectsObserved: Scalars['Int']['output'];
};

/** One of effects with its cursor. */
export type EffectEdge = {
  __typename?: 'EffectEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Effect;
};

/** How the projects in a report score on one effect. */
export type EffectScores = {
  __typename?: 'EffectScores';
  /** Projects with an assessed (observed) score on the effect. */
  assessedCount: Scalars['Int']['output'];
  /** Number of assessed scores of 0, 1, 2 and 3, in that order. */
  distribution: Array<Scalars['Int']['output']>;
  /** The effect. */
  effect: Effect;
  /** Mean assessed score (0–3); null when none is assessed. */
  meanScore?: Maybe<Scalars['Float']['output']>;
  /** Projects aiming at the effect (an expected score above 0). */
  projectsAiming: Scalars['Int']['output'];
};

/** What kind of object changed. */
export type EntityType =
  /** A contact person. */
  | 'CONTACT_PERSON'
  /** A meeting place. */
  | 'MEETING_PLACE'
  /** An organisation (partner or department). */
  | 'ORGANISATION'
  /** A project (with everything it holds: participants, budget, …). */
  | 'PROJECT'
  /** A signal. */
  | 'SIGNAL';

/** An evaluation of a project. */
export type Evaluation = {
  __typename?: 'Evaluation';
  /** How many activities were held. */
  activitiesCount?: Maybe<Scalars['Int']['output']>;
  /** When. */
  evaluatedOn: Scalars['Date']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Whether everyone who may read the project may read this evaluation. */
  isPublic: Scalars['Boolean']['output'];
  /** Midterm, final or follow-up. */
  kind: EvaluationKind;
  /** What we learn for next time. */
  lessonsLearned: Scalars['String']['output'];
  /** How many residents took part (a count, never names). */
  participantsCount?: Maybe<Scalars['Int']['output']>;
  /** What came out of it. */
  results: Scalars['String']['output'];
};

/** An evaluation of a project. */
export type EvaluationInput = {
  /** How many activities were held. */
  activitiesCount?: InputMaybe<Scalars['Int']['input']>;
  /** When. */
  evaluatedOn: Scalars['Date']['input'];
  /** Whether everyone who may read the project may read it. */
  isPublic?: Scalars['Boolean']['input'];
  /** Midterm, final or follow-up. */
  kind: EvaluationKind;
  /** What we learn for next time. */
  lessonsLearned: Scalars['String']['input'];
  /** How many residents took part (a count). */
  participantsCount?: InputMaybe<Scalars['Int']['input']>;
  /** What came out of it. */
  results: Scalars['String']['input'];
};

/** The moment of an evaluation. */
export type EvaluationKind =
  /** At the end of the project. */
  | 'FINAL'
  /** Some time after the end. */
  | 'FOLLOW_UP'
  /** Halfway through the project. */
  | 'MIDTERM';

/** One field changed by an entry. */
export type FieldChange = {
  __typename?: 'FieldChange';
  /** The value after, as JSON text. */
  after?: Maybe<Scalars['String']['output']>;
  /** The value before, as JSON text; null when the field was not set or is not a plain field. */
  before?: Maybe<Scalars['String']['output']>;
  /** The field, as named in the API (e.g. `summary`, `phase`, `budgetLine`). */
  field: Scalars['String']['output'];
};

/**
 * A programme area (aanpakgebied) of a programme such as *Opwaartse kracht*, covering one or
 * more wijken. Programme areas and CBS wijken do not line up, hence both.
 */
export type FocusArea = {
  __typename?: 'FocusArea';
  /** Stable code, e.g. `zuidwest`. */
  code: Scalars['String']['output'];
  /** Last day the area is in focus; null while open-ended. */
  endsOn?: Maybe<Scalars['Date']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name, e.g. `Zuidwest`. */
  name: Scalars['String']['output'];
  /** The programme the area belongs to, e.g. `Opwaartse kracht`. */
  programme: Scalars['String']['output'];
  /** First day the area is in focus. */
  startsOn: Scalars['Date']['output'];
  /** The wijken the area covers, by code. */
  wijken: Array<Wijk>;
};

/** A page of focus areas, keyset-paginated with `first` and `after`. */
export type FocusAreaConnection = {
  __typename?: 'FocusAreaConnection';
  /** The items of this page with their cursors. */
  edges: Array<FocusAreaEdge>;
  /** The items of this page. */
  nodes: Array<FocusArea>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of focus areas with its cursor. */
export type FocusAreaEdge = {
  __typename?: 'FocusAreaEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: FocusArea;
};

/** Money per kind of funder. */
export type FunderAmount = {
  __typename?: 'FunderAmount';
  /** The amount (which budget lines count is said by the field that lists it). */
  amount: Scalars['Euro']['output'];
  /** Where the money comes from. */
  source: FundingSource;
};

/** Where a budget line's money comes from. */
export type FundingSource =
  /** A fund. */
  | 'FUND'
  /** A housing corporation. */
  | 'HOUSING_CORPORATION'
  /** The municipality. */
  | 'MUNICIPALITY'
  /** The national government. */
  | 'NATIONAL_GOVERNMENT'
  /** Anything else. */
  | 'OTHER'
  /** The participants' own contribution. */
  | 'OWN_CONTRIBUTION';

/** A page of an object's history, newest first. */
export type HistoryConnection = {
  __typename?: 'HistoryConnection';
  /** The entries of this page with their cursors. */
  edges: Array<HistoryEdge>;
  /** The entries of this page. */
  nodes: Array<HistoryEntry>;
  /** Where this page sits in the whole history. */
  pageInfo: PageInfo;
  /** How many entries the whole history holds. */
  totalCount: Scalars['Int']['output'];
};

/** One entry of an object's history with its cursor. */
export type HistoryEdge = {
  __typename?: 'HistoryEdge';
  /** Pass as `after` to continue after this entry. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: HistoryEntry;
};

/** One change to an object: who did what, when. */
export type HistoryEntry = {
  __typename?: 'HistoryEntry';
  /** The mutation that made the change, e.g. `updateProject`. */
  action: Scalars['String']['output'];
  /** When. */
  at: Scalars['DateTime']['output'];
  /** What changed, field by field (fields you may not read are left out). */
  changes: Array<FieldChange>;
  /** The organisation of whoever made the change; null for anonymous readers. */
  organisation?: Maybe<Organisation>;
};

/** What a public evaluation learned. */
export type LessonLearned = {
  __typename?: 'LessonLearned';
  /** When it was evaluated. */
  evaluatedOn: Scalars['Date']['output'];
  /** The kind of evaluation. */
  kind: EvaluationKind;
  /** The lessons learned. */
  lessons: Scalars['String']['output'];
  /** The project's title. */
  projectTitle: Scalars['String']['output'];
};

/** Whether a link starts at this project or at the other one. */
export type LinkDirection =
  /** The other project → this one. */
  | 'INCOMING'
  /** This project → the other (e.g. this project builds on the other). */
  | 'OUTGOING';

/** How two projects relate. */
export type LinkKind =
  /** This project builds on the other. */
  | 'BUILDS_ON'
  /** The projects complement each other. */
  | 'COMPLEMENTS'
  /** The projects overlap. */
  | 'OVERLAPS';

/** Who runs a meeting place. */
export type Management =
  /** A housing corporation. */
  | 'HOUSING_CORPORATION'
  /** The municipality. */
  | 'MUNICIPALITY'
  /** Anything else. */
  | 'OTHER'
  /** The residents themselves (zelfbeheer). */
  | 'SELF_MANAGED'
  /** A welfare organisation. */
  | 'WELFARE_ORGANISATION';

/** A public meeting place (ontmoetingsplek): community centre, buurthuis, library, … */
export type MeetingPlace = Node & {
  __typename?: 'MeetingPlace';
  /** Accessibility. */
  accessibility: Accessibility;
  /** Postal address. */
  address: Address;
  /** How many people fit. */
  capacity?: Maybe<Scalars['Int']['output']>;
  /** Location on the map, when known. */
  coordinates?: Maybe<Coordinates>;
  /** Who changed what and when, newest first. */
  history: HistoryConnection;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What kind of place it is. */
  kind: MeetingPlaceKind;
  /** Who manages the place. */
  management: Management;
  /** Name, e.g. `Wijkcentrum Bouwlust`. */
  name: Scalars['String']['output'];
  /** Opening hours per week. */
  openingHoursPerWeek?: Maybe<Scalars['Int']['output']>;
  /** The organisation running the place; null for anonymous callers. */
  operator?: Maybe<Organisation>;
  /** Projects using the place that you may read. Needs a signed-in caller. */
  projects: Array<Project>;
  /** When the place last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** What you may do to this place, by the same rules the mutations apply. */
  viewerCan: WriteRights;
  /** The wijk the place is in. */
  wijk?: Maybe<Wijk>;
};


/** A public meeting place (ontmoetingsplek): community centre, buurthuis, library, … */
export type MeetingPlaceHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of meeting places, keyset-paginated with `first` and `after`. */
export type MeetingPlaceConnection = {
  __typename?: 'MeetingPlaceConnection';
  /** The items of this page with their cursors. */
  edges: Array<MeetingPlaceEdge>;
  /** The items of this page. */
  nodes: Array<MeetingPlace>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of meeting places with its cursor. */
export type MeetingPlaceEdge = {
  __typename?: 'MeetingPlaceEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: MeetingPlace;
};

/** Narrows `meetingPlaces`. */
export type MeetingPlaceFilter = {
  /** Only places of this kind. */
  kind?: InputMaybe<MeetingPlaceKind>;
  /** Only places run by this organisation. */
  operatorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only places that are (or are not) wheelchair accessible. */
  wheelchairAccessible?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only places in this wijk (CBS code). */
  wijkCode?: InputMaybe<Scalars['String']['input']>;
};

/** A meeting place, whole: creating and updating both send every field. */
export type MeetingPlaceInput = {
  /** Has an adapted toilet. */
  adaptedToilet?: Scalars['Boolean']['input'];
  /** How many people fit. */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  /** City. */
  city?: Scalars['String']['input'];
  /** Has a hearing loop. */
  hearingLoop?: Scalars['Boolean']['input'];
  /** House number with any addition. */
  houseNumber: Scalars['String']['input'];
  /** What kind of place it is. */
  kind: MeetingPlaceKind;
  /** Latitude (give both or neither). */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** Has a lift. */
  lift?: Scalars['Boolean']['input'];
  /** Longitude (give both or neither). */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** Offers a low-stimulus space or time. */
  lowStimulus?: Scalars['Boolean']['input'];
  /** Who manages it. */
  management: Management;
  /** Name, e.g. `Wijkcentrum Bouwlust`. */
  name: Scalars['String']['input'];
  /** Opening hours per week, 0–168. */
  openingHoursPerWeek?: InputMaybe<Scalars['Int']['input']>;
  /** The organisation running it (a partner: its own, the default). */
  operatorOrganisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Postcode, e.g. `2533 AB`. */
  postcode: Scalars['String']['input'];
  /** Street name. */
  street: Scalars['String']['input'];
  /** Accessible by wheelchair. */
  wheelchairAccessible?: Scalars['Boolean']['input'];
  /** The wijk it is in (CBS code). */
  wijkCode: Scalars['String']['input'];
};

/** The kind of a meeting place. */
export type MeetingPlaceKind =
  /** A community centre (wijkcentrum). */
  | 'COMMUNITY_CENTRE'
  /** A church, mosque or other place of faith. */
  | 'FAITH'
  /** A library. */
  | 'LIBRARY'
  /** A neighbourhood house (buurthuis). */
  | 'NEIGHBOURHOOD_HOUSE'
  /** A neighbourhood room (buurtkamer). */
  | 'NEIGHBOURHOOD_ROOM'
  /** Anything else. */
  | 'OTHER'
  /** An outdoor place. */
  | 'OUTDOOR'
  /** A school. */
  | 'SCHOOL'
  /** A sports venue. */
  | 'SPORTS';

/** Every mutation of the API. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an evaluation to a project (participants and the city). */
  addEvaluation: Project;
  /** Sets a project's expected (and observed) score on one effect. */
  assessEffect: Project;
  /** Creates an API client and shows its secret once (ADMIN). */
  createApiClient: CreatedApiClient;
  /**
   * Creates an API client that authenticates with assertions signed by its private key
   * (`private_key_jwt`) instead of a secret; only the public key is kept (ADMIN).
   */
  createApiClientWithKey: ApiClient;
  /** Adds a contact person (city editors; partner editors for their own organisation). */
  createContactPerson: ContactPerson;
  /** Registers a meeting place (city editors; partner editors for places they operate). */
  createMeetingPlace: MeetingPlace;
  /** Registers an organisation (ADMIN). */
  createOrganisation: Organisation;
  /** Registers a project. Editors only; a partner's organisation becomes its LEAD. */
  createProject: Project;
  /**
   * Registers a webhook and shows its signing secret once. Changes committed from now on are
   * delivered.
   */
  createWebhook: CreatedWebhook;
  /** Removes a contact person for good. */
  deleteContactPerson: DeletedObject;
  /** Deletes a meeting place (softly). */
  deleteMeetingPlace: DeletedObject;
  /** Deletes a project (softly: readers stop seeing it; sync jobs are told). LEAD or city. */
  deleteProject: DeletedObject;
  /** Deletes a webhook; nothing more is sent to it. */
  deleteWebhook: DeletedWebhook;
  /** Links a project to another one. */
  linkProjects: Project;
  /** Links a signal to a project that answers it (city editors). */
  linkSignalToProject: Signal;
  /**
   * Delivers again every change after a place in the feed: `after` is a cursor of
   * `changes` or a delivery's `cursor`; without it, from when the webhook was created. Events
   * keep their ids, so a receiver that deduplicates on `webhook-id` can tell repeats.
   */
  redeliverWebhook: Webhook;
  /** Removes a budget line. */
  removeBudgetLine: Project;
  /** Removes an organisation from a project (not the LEAD). */
  removeProjectParticipant: Project;
  /** Reports a signal for your organisation (editors). */
  reportSignal: Signal;
  /** The programme office's test of a project (city editors and ADMIN). */
  reviewProject: Project;
  /**
   * Revokes an API client: its tokens stop working at their next request, on other server
   * instances within 2 seconds (ADMIN).
   */
  revokeApiClient: ApiClient;
  /**
   * A new signing secret, shown once. The previous one keeps signing beside it for 24
   * hours (each event then carries two signatures).
   */
  rotateWebhookSecret: RotatedWebhookSecret;
  /** Adds a budget line, or changes the one with `id`. */
  setBudgetLine: Project;
  /** Sets who carries a project on after its end (borging). */
  setContinuation: Project;
  /**
   * Adds an organisation to a project or changes its role. Making another organisation LEAD
   * hands the lead over: the former lead stays on as CONTRIBUTOR.
   */
  setProjectParticipant: Project;
  /** Removes a link between projects. */
  unlinkProjects: Project;
  /** Replaces a contact person's details. `expectedVersion` must be the version you read. */
  updateContactPerson: ContactPerson;
  /** Replaces a meeting place's fields. `expectedVersion` must be the version you read. */
  updateMeetingPlace: MeetingPlace;
  /** Changes an organisation, or deactivates it (ADMIN). */
  updateOrganisation: Organisation;
  /** Changes a project. `expectedVersion` must be the version you read; otherwise `CONFLICT`. */
  updateProject: Project;
  /** Moves a signal on: triage, escalation to the political level, closing (city editors). */
  updateSignalStatus: Signal;
  /** Changes a webhook; `active: true` resumes a paused or turned-off one where it stopped. */
  updateWebhook: Webhook;
  /**
   * Creates or updates up to 500 projects by your own external ids, each on its own: one
   * result per item. Sending the same batch again writes nothing.
   */
  upsertProjects: Array<UpsertProjectResult>;
};


/** Every mutation of the API. */
export type MutationAddEvaluationArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: EvaluationInput;
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationAssessEffectArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: AssessEffectInput;
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationCreateApiClientArgs = {
  input: CreateApiClientInput;
};


/** Every mutation of the API. */
export type MutationCreateApiClientWithKeyArgs = {
  input: CreateApiClientWithKeyInput;
};


/** Every mutation of the API. */
export type MutationCreateContactPersonArgs = {
  input: ContactPersonInput;
};


/** Every mutation of the API. */
export type MutationCreateMeetingPlaceArgs = {
  input: MeetingPlaceInput;
};


/** Every mutation of the API. */
export type MutationCreateOrganisationArgs = {
  input: CreateOrganisationInput;
};


/** Every mutation of the API. */
export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


/** Every mutation of the API. */
export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


/** Every mutation of the API. */
export type MutationDeleteContactPersonArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationDeleteMeetingPlaceArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationDeleteProjectArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationLinkProjectsArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  fromProjectId: Scalars['ID']['input'];
  kind: LinkKind;
  toProjectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationLinkSignalToProjectArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  projectId: Scalars['ID']['input'];
  signalId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationRedeliverWebhookArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationRemoveBudgetLineArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationRemoveProjectParticipantArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  organisationId: Scalars['ID']['input'];
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationReportSignalArgs = {
  input: ReportSignalInput;
};


/** Every mutation of the API. */
export type MutationReviewProjectArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: ReviewProjectInput;
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationRevokeApiClientArgs = {
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationSetBudgetLineArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  input: BudgetLineInput;
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationSetContinuationArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: ContinuationInput;
  projectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationSetProjectParticipantArgs = {
  contribution?: InputMaybe<Scalars['String']['input']>;
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  organisationId: Scalars['ID']['input'];
  projectId: Scalars['ID']['input'];
  role: ParticipantRole;
};


/** Every mutation of the API. */
export type MutationUnlinkProjectsArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  fromProjectId: Scalars['ID']['input'];
  toProjectId: Scalars['ID']['input'];
};


/** Every mutation of the API. */
export type MutationUpdateContactPersonArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: ContactPersonInput;
};


/** Every mutation of the API. */
export type MutationUpdateMeetingPlaceArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: MeetingPlaceInput;
};


/** Every mutation of the API. */
export type MutationUpdateOrganisationArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: UpdateOrganisationInput;
};


/** Every mutation of the API. */
export type MutationUpdateProjectArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: UpdateProjectInput;
};


/** Every mutation of the API. */
export type MutationUpdateSignalStatusArgs = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  input: UpdateSignalStatusInput;
};


/** Every mutation of the API. */
export type MutationUpdateWebhookArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWebhookInput;
};


/** Every mutation of the API. */
export type MutationUpsertProjectsArgs = {
  input: Array<UpsertProjectInput>;
};

/** An object with a globally unique id, which `node(id:)` fetches again. */
export type Node = {
  /** Globally unique id (a UUID). */
  id: Scalars['ID']['output'];
};

/** Ascending or descending. */
export type OrderDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** Who takes part and who logs in: a city department or a partner. */
export type Organisation = {
  /** Inactive organisations can no longer sign in. */
  active: Scalars['Boolean']['output'];
  /** Stable, human-readable code, e.g. `haag-wonen`. */
  code: Scalars['String']['output'];
  /** What the organisation does in the wijken. */
  description?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** City department or partner. */
  kind: OrganisationKind;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** Public website. */
  website?: Maybe<Scalars['String']['output']>;
};

/** Whether an organisation is a city department or a partner. */
export type OrganisationKind =
  /** A department (vakdienst) of the municipality, or the programme office. */
  | 'CITY_DEPARTMENT'
  /** Any organisation outside the municipality that takes part. */
  | 'PARTNER';

/** How often one organisation leads or contributes to the projects in a report. */
export type OrganisationParticipation = {
  __typename?: 'OrganisationParticipation';
  /** Projects it contributes to. */
  contributorCount: Scalars['Int']['output'];
  /** Projects it leads. */
  leadCount: Scalars['Int']['output'];
  /** The organisation; null if it has since been deactivated. */
  organisation?: Maybe<Organisation>;
};

/** Where a page sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item of this page: pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page (forward paging only answers for the first page). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first item of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** The role of an organisation in a project. */
export type ParticipantRole =
  /** Advises. */
  | 'ADVISER'
  /** Contributes work. */
  | 'CONTRIBUTOR'
  /** Contributes money. */
  | 'FUNDER'
  /** Leads the project; exactly one per project. */
  | 'LEAD';

/** A partner: a housing corporation, welfare organisation, fund, school, the police, … */
export type Partner = Node & Organisation & {
  __typename?: 'Partner';
  /** Inactive organisations can no longer sign in. */
  active: Scalars['Boolean']['output'];
  /** The organisation's API clients (ADMIN only; others get an error). */
  apiClients: Array<ApiClient>;
  /** Organisations under this one. */
  children: Array<Organisation>;
  /** Stable, human-readable code, e.g. `haag-wonen`. */
  code: Scalars['String']['output'];
  /** The organisation's contact persons, by name. */
  contactPersons: Array<ContactPerson>;
  /** What the organisation does in the wijken. */
  description?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** City department or partner. */
  kind: OrganisationKind;
  /** Display name. */
  name: Scalars['String']['output'];
  /** The umbrella organisation, e.g. Xtra for Zebra Welzijn. */
  parent?: Maybe<Organisation>;
  /** What kind of partner this is. */
  partnerType?: Maybe<PartnerType>;
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** What you may do to this organisation (ADMIN manages organisations). */
  viewerCan: WriteRights;
  /** Public website. */
  website?: Maybe<Scalars['String']['output']>;
};

/** A page of partners, keyset-paginated with `first` and `after`. */
export type PartnerConnection = {
  __typename?: 'PartnerConnection';
  /** The items of this page with their cursors. */
  edges: Array<PartnerEdge>;
  /** The items of this page. */
  nodes: Array<Partner>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of partners with its cursor. */
export type PartnerEdge = {
  __typename?: 'PartnerEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Partner;
};

/** What kind of partner an organisation is. */
export type PartnerType =
  /** A business. */
  | 'BUSINESS'
  /** A school or other education institution. */
  | 'EDUCATION'
  /** A fund that finances projects. */
  | 'FUND'
  /** A health organisation, such as the GGD. */
  | 'HEALTH'
  /** A housing corporation (woningcorporatie). */
  | 'HOUSING_CORPORATION'
  /** A public library. */
  | 'LIBRARY'
  /** A ministry or other national government body. */
  | 'NATIONAL_GOVERNMENT'
  /** Anything else. */
  | 'OTHER'
  /** The police. */
  | 'POLICE'
  /** A residents' organisation (bewonersorganisatie). */
  | 'RESIDENTS_ORGANISATION'
  /** A welfare organisation (welzijnsorganisatie). */
  | 'WELFARE_ORGANISATION';

/**
 * The phase of a project. Allowed moves: IDEA → INTAKE → REVIEWED → APPROVED → RUNNING ⇄
 * PAUSED → COMPLETED → EVALUATED → EMBEDDED, and from any phase before COMPLETED → STOPPED.
 */
export type Phase =
  /** Approved to start. */
  | 'APPROVED'
  /** Finished. */
  | 'COMPLETED'
  /** Carried on in regular work after the project money stopped (geborgd). */
  | 'EMBEDDED'
  /** Finished and evaluated. */
  | 'EVALUATED'
  /** A first idea. */
  | 'IDEA'
  /** Being taken in by the programme office. */
  | 'INTAKE'
  /** Temporarily paused. */
  | 'PAUSED'
  /** Tested by the programme office. */
  | 'REVIEWED'
  /** Running. */
  | 'RUNNING'
  /** Stopped before completion. */
  | 'STOPPED';

/** Number of projects in one phase. */
export type PhaseCount = {
  __typename?: 'PhaseCount';
  /** Number of projects. */
  count: Scalars['Int']['output'];
  /** The phase. */
  phase: Phase;
};

/**
 * The programme office's figures for a scope and a period, over what you may read: projects
 * you may read, budgets you may read, signals you may read.
 */
export type ProgrammeReport = {
  __typename?: 'ProgrammeReport';
  /**
   * Budget per source, status and year, over the projects whose budget you may read (all
   * for the city; a partner's own projects for partners), in the period's years.
   */
  budget: Array<BudgetAmount>;
  /** Budget per source, rejected lines left out. */
  budgetBySource: Array<FunderAmount>;
  /** Continuation (borging) decisions per status. */
  continuation: Array<ContinuationCount>;
  /** When the figures were read (the "stand van de gegevens"). */
  dataAsOf: Scalars['DateTime']['output'];
  /** Every active effect, in its order: projects aiming at it and their assessed scores. */
  effects: Array<EffectScores>;
  /** Lessons learned of public evaluations in the period, newest first (at most 50). */
  lessonsLearned: Array<LessonLearned>;
  /** Median days from report to closing, over those signals that are closed; null when none is. */
  medianDaysToClose?: Maybe<Scalars['Float']['output']>;
  /** Per organisation, how many of the projects it leads and contributes to; most leads first. */
  participation: Array<OrganisationParticipation>;
  /** The period covered; null for all time. */
  period?: Maybe<ReportPeriod>;
  /**
   * Projects in the report: readable, in the area, running at some time in the period (a
   * project without dates counts as running).
   */
  projectCount: Scalars['Int']['output'];
  /** Projects per phase, every phase in the order of the process (zero where none). */
  projectsByPhase: Array<PhaseCount>;
  /** Projects per theme (a project with several themes counts once for each). */
  projectsByTheme: Array<ThemeCount>;
  /** The area covered. */
  scope: ReportScope;
  /** Signals you may read from the area, reported in the period. */
  signalCount: Scalars['Int']['output'];
  /** Those signals per month of reporting, theme, urgency and status. */
  signalsByMonth: Array<SignalMonthCount>;
};

/** A project of the neighbourhood approach. */
export type Project = Node & {
  __typename?: 'Project';
  /** The budget; null unless you are the city or your organisation takes part. */
  budget?: Maybe<ProjectBudget>;
  /** The project's contact. */
  contact?: Maybe<ContactPerson>;
  /** Who carries the project on after its end (borging); null when not arranged. */
  continuation?: Maybe<Continuation>;
  /** When the project was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Expected and observed scores per effect. */
  effectAssessments: Array<EffectAssessment>;
  /** Last day. */
  endsOn?: Maybe<Scalars['Date']['output']>;
  /** Evaluations: the public ones, and all of them for the city and participants. */
  evaluations: Array<Evaluation>;
  /** Who changed what and when, newest first. */
  history: HistoryConnection;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Notes for the city only; null for partners. */
  internalNotes?: Maybe<Scalars['String']['output']>;
  /** The organisation leading the project. */
  lead?: Maybe<Organisation>;
  /** Links to other projects you may read, in both directions. */
  links: Array<ProjectLink>;
  /** The meeting places the project uses. */
  meetingPlaces: Array<MeetingPlace>;
  /** The organisations taking part, with their roles. */
  participants: Array<ProjectParticipant>;
  /** Where the project is in its life. */
  phase: Phase;
  /**
   * The programme office's test; null when not reviewed yet, or unless you are the city or
   * your organisation takes part.
   */
  review?: Maybe<ProjectReview>;
  /** First day. */
  startsOn?: Maybe<Scalars['Date']['output']>;
  /** What the project does and for whom. */
  summary: Scalars['String']['output'];
  /** Who the project is for, in words (groups, never persons), e.g. `jongeren 12-18`. */
  targetGroups: Array<Scalars['String']['output']>;
  /** Policy themes. */
  themes: Array<Theme>;
  /** Title. */
  title: Scalars['String']['output'];
  /** When the project last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: bumped by every change; updates must name it. */
  version: Scalars['Int']['output'];
  /** What you may do to this project, by the same rules the mutations apply. */
  viewerCan: ProjectViewerCan;
  /** Who may read the project. */
  visibility: Visibility;
  /** The wijken the project runs in. */
  wijken: Array<Wijk>;
};


/** A project of the neighbourhood approach. */
export type ProjectHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A project's budget. */
export type ProjectBudget = {
  __typename?: 'ProjectBudget';
  /** The budget lines, by year. */
  lines: Array<BudgetLine>;
  /** Sum of all lines except rejected ones. */
  total: Scalars['Euro']['output'];
};

/** A page of projects, keyset-paginated with `first` and `after`. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The items of this page with their cursors. */
  edges: Array<ProjectEdge>;
  /** The items of this page. */
  nodes: Array<Project>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of projects with its cursor. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Project;
};

/** Narrows `projects`. All given conditions must hold. */
export type ProjectFilterInput = {
  /** Only projects this organisation takes part in. */
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only projects in this phase. */
  phase?: InputMaybe<Phase>;
  /** Only projects whose title or summary contains this text (case-insensitive). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only projects with this theme. */
  theme?: InputMaybe<Theme>;
  /** Only projects changed at or after this moment. */
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only projects running in this wijk (CBS code). */
  wijkCode?: InputMaybe<Scalars['String']['input']>;
};

/** A link to another project: coherence made visible. */
export type ProjectLink = {
  __typename?: 'ProjectLink';
  /** Which way the link points. */
  direction: LinkDirection;
  /** How the projects relate. */
  kind: LinkKind;
  /** The other project. */
  project: Project;
};

/** The order of a project list. */
export type ProjectOrder = {
  /** Which way. */
  direction: OrderDirection;
  /** What to sort by. */
  field: ProjectOrderField;
};

/** What to sort projects by. */
export type ProjectOrderField =
  /** Title, alphabetically. */
  | 'TITLE'
  /** Last change (the order a sync job wants). */
  | 'UPDATED_AT';

/** An organisation taking part in a project. */
export type ProjectParticipant = {
  __typename?: 'ProjectParticipant';
  /** What it contributes. */
  contribution?: Maybe<Scalars['String']['output']>;
  /** The organisation. */
  organisation?: Maybe<Organisation>;
  /** Its role in the project. */
  role: ParticipantRole;
};

/**
 * The programme office's test of a project: coherence, cooperation, impact and continuation,
 * each 0–3, and a decision.
 */
export type ProjectReview = {
  __typename?: 'ProjectReview';
  /** Coherence with other initiatives, 0–3. */
  coherence: Scalars['Int']['output'];
  /** Chance of continuation after the money stops, 0–3. */
  continuation: Scalars['Int']['output'];
  /** Cooperation between the parties, 0–3. */
  cooperation: Scalars['Int']['output'];
  /** The decision. */
  decision: ReviewDecision;
  /** Why. */
  explanation: Scalars['String']['output'];
  /** Expected impact, 0–3. */
  impact: Scalars['Int']['output'];
  /** Who reviewed. */
  reviewedBy?: Maybe<Organisation>;
  /** When. */
  reviewedOn: Scalars['Date']['output'];
};

/** What the caller may do to a project: show exactly the buttons that will work. */
export type ProjectViewerCan = {
  __typename?: 'ProjectViewerCan';
  /** `addEvaluation`. */
  addEvaluation: Scalars['Boolean']['output'];
  /** `assessEffect`. */
  assess: Scalars['Boolean']['output'];
  /** `deleteProject`. */
  delete: Scalars['Boolean']['output'];
  /** `linkProjects`, `unlinkProjects` (from this project). */
  link: Scalars['Boolean']['output'];
  /** `setBudgetLine`, `removeBudgetLine`. */
  manageBudget: Scalars['Boolean']['output'];
  /** `setProjectParticipant`, `removeProjectParticipant`. */
  manageParticipants: Scalars['Boolean']['output'];
  /** `reviewProject`. */
  review: Scalars['Boolean']['output'];
  /** `setContinuation`. */
  setContinuation: Scalars['Boolean']['output'];
  /** `updateProject`. */
  update: Scalars['Boolean']['output'];
};

/** Every query of the API. */
export type Query = {
  __typename?: 'Query';
  /**
   * Every committed change you may see, in commit order. Start with `after: null` (a first
   * sync also receives every object that exists), store `pageInfo.endCursor`, and pass it back
   * as `after`. No change is skipped, and when you may no longer read an object you receive
   * `DELETED` for it.
   */
  changes: ChangeConnection;
  /**
   * A cursor at the feed's head, for starting "from now": pass it as `after` to `changes`
   * (query or subscription) to receive every change committed from now on, without first
   * paging through everything that exists. A live app that keeps no mirror starts here; after
   * a reconnect it resumes from the last `cursor` it received, not from a new head.
   */
  changesHead: Scalars['String']['output'];
  /** Contact persons, by name. Needs a signed-in caller. */
  contactPersons: ContactPersonConnection;
  /** City departments, by name. Needs a signed-in caller. */
  departments: DepartmentConnection;
  /** The effects projects are weighed against, in their order. */
  effects: EffectConnection;
  /**
   * ADMIN only: would a caller of this organisation with this role be allowed this action
   * (on this object), and by which rule?
   */
  explainAccess: AccessExplanation;
  /** One focus area by its code; null when no area has that code. */
  focusArea?: Maybe<FocusArea>;
  /** The focus areas (aanpakgebieden), by code. */
  focusAreas: FocusAreaConnection;
  /** Who is calling; null for anonymous callers. */
  me?: Maybe<Viewer>;
  /** One meeting place by id; `NOT_FOUND` when there is none. */
  meetingPlace: MeetingPlace;
  /** Meeting places, by name. */
  meetingPlaces: MeetingPlaceConnection;
  /**
   * The object with this id (a project, signal, meeting place, partner or department), under
   * the same rules as its own lookup; null when there is none you may read. Relay clients
   * refetch objects with it.
   */
  node?: Maybe<Node>;
  /** One organisation by id. Needs a signed-in caller. */
  organisation: Organisation;
  /** Partner organisations, by name. Needs a signed-in caller. */
  partners: PartnerConnection;
  /**
   * The programme office's report for an area and a period, over what you may read. Needs a
   * signed-in caller. An unknown code, more than one code, or a period that ends before it
   * starts is `BAD_USER_INPUT`.
   */
  programmeReport: ProgrammeReport;
  /** One project by id; `NOT_FOUND` when it does not exist or you may not read it. */
  project: Project;
  /** Projects you may read. Needs a signed-in caller. */
  projects: ProjectConnection;
  /** Your cost budget as it stands after this operation. */
  rateLimit: RateLimit;
  /** One signal by id; `NOT_FOUND` when it does not exist or you may not read it. */
  signal: Signal;
  /** Counts of signals per wijk, theme and status. Needs a signed-in caller. */
  signalStatistics: SignalStatistics;
  /**
   * Signals you may read, newest first: all for the city, a partner's own reports for
   * partners.
   */
  signals: SignalConnection;
  /** The eight stadsdelen, by code. */
  stadsdelen: StadsdeelConnection;
  /** One webhook by id. */
  webhook: Webhook;
  /** The webhooks you may read: your organisation's (ADMIN: all). */
  webhooks: WebhookConnection;
  /** One wijk by its CBS code; null when no wijk has that code. */
  wijk?: Maybe<Wijk>;
  /**
   * The per-wijk picture for the political level; null when no wijk has the code. Needs a
   * signed-in caller.
   */
  wijkOverview?: Maybe<WijkOverview>;
  /** CBS wijken, by code. */
  wijken: WijkConnection;
};


/** Every query of the API. */
export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  entityTypes?: InputMaybe<Array<EntityType>>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryContactPersonsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ContactPersonFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryDepartmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryEffectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
};


/** Every query of the API. */
export type QueryExplainAccessArgs = {
  action: AccessAction;
  objectId?: InputMaybe<Scalars['ID']['input']>;
  organisationCode: Scalars['String']['input'];
  role: Role;
};


/** Every query of the API. */
export type QueryFocusAreaArgs = {
  code: Scalars['String']['input'];
};


/** Every query of the API. */
export type QueryFocusAreasArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryMeetingPlaceArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QueryMeetingPlacesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MeetingPlaceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QueryOrganisationArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QueryPartnersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  partnerType?: InputMaybe<PartnerType>;
};


/** Every query of the API. */
export type QueryProgrammeReportArgs = {
  period?: InputMaybe<ReportPeriodInput>;
  scope?: InputMaybe<ReportScopeInput>;
};


/** Every query of the API. */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProjectFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ProjectOrder>;
};


/** Every query of the API. */
export type QuerySignalArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QuerySignalStatisticsArgs = {
  filter?: InputMaybe<SignalFilterInput>;
};


/** Every query of the API. */
export type QuerySignalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SignalFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryStadsdelenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryWebhookArgs = {
  id: Scalars['ID']['input'];
};


/** Every query of the API. */
export type QueryWebhooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query of the API. */
export type QueryWijkArgs = {
  code: Scalars['String']['input'];
};


/** Every query of the API. */
export type QueryWijkOverviewArgs = {
  code: Scalars['String']['input'];
};


/** Every query of the API. */
export type QueryWijkenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WijkFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A caller's budget of query cost in the current window. Each operation's estimated cost
 * (each object 1, scalars 0, a connection 2 + `first` × one item) is spent from it before
 * the operation runs and reported in the response's `extensions.cost`.
 */
export type RateLimit = {
  __typename?: 'RateLimit';
  /** What this operation cost. */
  cost: Scalars['Int']['output'];
  /** False when the deployment has rate limiting switched off. */
  enforced: Scalars['Boolean']['output'];
  /** The budget per window. */
  limit: Scalars['Int']['output'];
  /** What is left of it after this operation. */
  remaining: Scalars['Int']['output'];
  /** When the window ends and the full budget is back. */
  resetAt: Scalars['DateTime']['output'];
};

/** The period a report covers, both days included. */
export type ReportPeriod = {
  __typename?: 'ReportPeriod';
  /** The first day. */
  from: Scalars['Date']['output'];
  /** The last day. */
  to: Scalars['Date']['output'];
};

/** A period, both days included; a year is `from: "2025-01-01", to: "2025-12-31"`. */
export type ReportPeriodInput = {
  /** The first day. */
  from: Scalars['Date']['input'];
  /** The last day; not before `from`. */
  to: Scalars['Date']['input'];
};

/** The area a report covers. */
export type ReportScope = {
  __typename?: 'ReportScope';
  /** Its code; null for the whole programme. */
  code?: Maybe<Scalars['String']['output']>;
  /** What kind of area. */
  kind: ReportScopeKind;
  /** Its name. */
  name: Scalars['String']['output'];
};

/**
 * What a report covers: the whole programme (no code), or one stadsdeel, focus area or wijk.
 * At most one code may be given.
 */
export type ReportScopeInput = {
  /** A focus area's code. */
  focusAreaCode?: InputMaybe<Scalars['String']['input']>;
  /** A stadsdeel's code, e.g. `ESC`. */
  stadsdeelCode?: InputMaybe<Scalars['String']['input']>;
  /** A wijk's CBS code, e.g. `WK051836`. */
  wijkCode?: InputMaybe<Scalars['String']['input']>;
};

/** The kind of area a report covers. */
export type ReportScopeKind =
  /** One focus area. */
  | 'FOCUS_AREA'
  /** The whole programme. */
  | 'PROGRAMME'
  /** One stadsdeel. */
  | 'STADSDEEL'
  /** One wijk. */
  | 'WIJK';

/** A new signal: a situation, never a person. */
export type ReportSignalInput = {
  /** What was noticed, 1–5,000 characters. */
  description: Scalars['String']['input'];
  /** The policy theme. */
  theme: Theme;
  /** Short title, 1–200 characters. */
  title: Scalars['String']['input'];
  /** How urgent it is. */
  urgency: Urgency;
  /** The wijk where it was noticed (CBS code). */
  wijkCode: Scalars['String']['input'];
};

/** The programme office's decision on a project. */
export type ReviewDecision =
  /** Approved. */
  | 'APPROVE'
  /** On hold until questions are answered. */
  | 'HOLD'
  /** Rejected. */
  | 'REJECT';

/** The programme office's test of a project. */
export type ReviewProjectInput = {
  /** Coherence with other initiatives, 0–3. */
  coherence: Scalars['Int']['input'];
  /** Chance of continuation after the money stops, 0–3. */
  continuation: Scalars['Int']['input'];
  /** Cooperation between the parties, 0–3. */
  cooperation: Scalars['Int']['input'];
  /** The decision. */
  decision: ReviewDecision;
  /** Why. */
  explanation: Scalars['String']['input'];
  /** Expected impact, 0–3. */
  impact: Scalars['Int']['input'];
};

/** What a caller may do, together with the kind of its organisation. */
export type Role =
  /** The programme office: everything (only for a city department). */
  | 'ADMIN'
  /** Reads and writes what the permission matrix allows. */
  | 'EDITOR'
  /** Reads only. */
  | 'VIEWER';

/** A webhook's new signing secret: the only time it is shown. */
export type RotatedWebhookSecret = {
  __typename?: 'RotatedWebhookSecret';
  /**
   * The new signing secret (`whsec_…`). Until `previousSecretValidUntil` every event carries
   * a signature by each secret, so receivers can switch at any moment within a day.
   */
  secret: Scalars['String']['output'];
  /** The webhook; `previousSecretValidUntil` says how long the old secret still signs. */
  webhook: Webhook;
};

/**
 * Something noticed in a wijk that policy should hear (signaal). Describes situations, never
 * people.
 */
export type Signal = Node & {
  __typename?: 'Signal';
  /** What was noticed. */
  description: Scalars['String']['output'];
  /** What was done with it. */
  followUpNote?: Maybe<Scalars['String']['output']>;
  /** Who changed what and when, newest first. */
  history: HistoryConnection;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Notes for the city only; null for partners. */
  internalNotes?: Maybe<Scalars['String']['output']>;
  /** Projects linked to the signal that you may read. */
  projects: Array<Project>;
  /** When it was reported. */
  reportedAt: Scalars['DateTime']['output'];
  /** Who reported it. */
  reportingOrganisation?: Maybe<Organisation>;
  /** Where it is in its handling. */
  status: SignalStatus;
  /** The policy theme. */
  theme: Theme;
  /** Short title. */
  title: Scalars['String']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** How urgent it is. */
  urgency: Urgency;
  /** Optimistic-concurrency version: bumped by every change. */
  version: Scalars['Int']['output'];
  /** What you may do to this signal, by the same rules the mutations apply. */
  viewerCan: SignalViewerCan;
  /** The wijk where it was noticed. */
  wijk?: Maybe<Wijk>;
};


/**
 * Something noticed in a wijk that policy should hear (signaal). Describes situations, never
 * people.
 */
export type SignalHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of signals, keyset-paginated with `first` and `after`. */
export type SignalConnection = {
  __typename?: 'SignalConnection';
  /** The items of this page with their cursors. */
  edges: Array<SignalEdge>;
  /** The items of this page. */
  nodes: Array<Signal>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of signals with its cursor. */
export type SignalEdge = {
  __typename?: 'SignalEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Signal;
};

/** Narrows `signals` and `signalStatistics`. */
export type SignalFilterInput = {
  /** Only signals with this status. */
  status?: InputMaybe<SignalStatus>;
  /** Only signals on this theme. */
  theme?: InputMaybe<Theme>;
  /** Only signals of this urgency. */
  urgency?: InputMaybe<Urgency>;
  /** Only signals from this wijk (CBS code). */
  wijkCode?: InputMaybe<Scalars['String']['input']>;
};

/** Signals reported in one month with one theme, urgency and status. */
export type SignalMonthCount = {
  __typename?: 'SignalMonthCount';
  /** Number of signals. */
  count: Scalars['Int']['output'];
  /** The month of reporting, `YYYY-MM` (UTC). */
  month: Scalars['String']['output'];
  /** The status now. */
  status: SignalStatus;
  /** The theme. */
  theme: Theme;
  /** The urgency. */
  urgency: Urgency;
};

/** Counts of signals (all signals, not only the ones you may read: counts reveal no content). */
export type SignalStatistics = {
  __typename?: 'SignalStatistics';
  /** Per status. */
  byStatus: Array<StatusCount>;
  /** Per theme. */
  byTheme: Array<ThemeCount>;
  /** Per wijk, by wijk code. */
  byWijk: Array<WijkCount>;
  /** Number of signals in all. */
  total: Scalars['Int']['output'];
};

/**
 * Where a signal is in its handling: NEW → IN_PROGRESS → ESCALATED → POLICY_ADJUSTED →
 * CLOSED, or DISMISSED.
 */
export type SignalStatus =
  /** Handled. */
  | 'CLOSED'
  /** Not taken up. */
  | 'DISMISSED'
  /** Taken to the political level. */
  | 'ESCALATED'
  /** Being looked into. */
  | 'IN_PROGRESS'
  /** Just reported. */
  | 'NEW'
  /** Policy was adjusted in response. */
  | 'POLICY_ADJUSTED';

/** Number of signals with one theme and status. */
export type SignalThemeStatusCount = {
  __typename?: 'SignalThemeStatusCount';
  /** Number of signals. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: SignalStatus;
  /** The theme. */
  theme: Theme;
};

/** What the caller may do to a signal. */
export type SignalViewerCan = {
  __typename?: 'SignalViewerCan';
  /** `updateSignalStatus` and `linkSignalToProject`. */
  changeStatus: Scalars['Boolean']['output'];
};

/** One of the eight city districts of The Hague. */
export type Stadsdeel = {
  __typename?: 'Stadsdeel';
  /** Short code, e.g. `ESC` for Escamp. */
  code: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name, e.g. `Escamp`. */
  name: Scalars['String']['output'];
};

/** A page of stadsdelen, keyset-paginated with `first` and `after`. */
export type StadsdeelConnection = {
  __typename?: 'StadsdeelConnection';
  /** The items of this page with their cursors. */
  edges: Array<StadsdeelEdge>;
  /** The items of this page. */
  nodes: Array<Stadsdeel>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of stadsdelen with its cursor. */
export type StadsdeelEdge = {
  __typename?: 'StadsdeelEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Stadsdeel;
};

/** Number of signals with one status. */
export type StatusCount = {
  __typename?: 'StatusCount';
  /** Number of signals. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: SignalStatus;
};

/** Every subscription of the API. */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The change feed, live: first the backlog after `after` (everything, for `after: null`),
   * then each change as it is committed, on whichever instance. Same entries and filtering
   * as the `changes` query.
   */
  changes: Change;
};


/** Every subscription of the API. */
export type SubscriptionChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  entityTypes?: InputMaybe<Array<EntityType>>;
};

/** A policy theme. */
export type Theme =
  /** Education (onderwijs). */
  | 'EDUCATION'
  /** Health (gezondheid). */
  | 'HEALTH'
  /** Housing (wonen). */
  | 'HOUSING'
  /** The living environment (leefomgeving). */
  | 'LIVING_ENVIRONMENT'
  /** Meeting each other (ontmoeting). */
  | 'MEETING'
  /** Participation (participatie). */
  | 'PARTICIPATION'
  /** Poverty (armoede). */
  | 'POVERTY'
  /** Safety (veiligheid). */
  | 'SAFETY'
  /** Work (werk). */
  | 'WORK'
  /** Youth (jeugd). */
  | 'YOUTH';

/** Number of signals on one theme. */
export type ThemeCount = {
  __typename?: 'ThemeCount';
  /** Number of items. */
  count: Scalars['Int']['output'];
  /** The theme. */
  theme: Theme;
};

/** Changes to an organisation: fields left out stay as they are. */
export type UpdateOrganisationInput = {
  /** `false` deactivates the organisation: its tokens and API clients stop working. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** What the organisation does. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** For partners: what kind of partner. */
  partnerType?: InputMaybe<PartnerType>;
  /** Public website. */
  website?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a project: fields left out stay as they are; `null` clears a clearable field. */
export type UpdateProjectInput = {
  /** The contact person (`null` clears it). */
  contactPersonId?: InputMaybe<Scalars['ID']['input']>;
  /** Last day (`null` clears it). */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** Notes for the city only (city callers only; `null` clears them). */
  internalNotes?: InputMaybe<Scalars['String']['input']>;
  /** The meeting places, replacing the current list. */
  meetingPlaceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** New phase, by the allowed moves (only the city moves to REVIEWED or APPROVED). */
  phase?: InputMaybe<Phase>;
  /** First day (`null` clears it). */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** New summary. */
  summary?: InputMaybe<Scalars['String']['input']>;
  /** The target groups, replacing the current list. */
  targetGroups?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The themes, replacing the current list. */
  themes?: InputMaybe<Array<Theme>>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** New visibility. */
  visibility?: InputMaybe<Visibility>;
  /** The wijken, replacing the current list. */
  wijkCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A signal's next status, with notes. */
export type UpdateSignalStatusInput = {
  /** What was done with it (`null` clears it). */
  followUpNote?: InputMaybe<Scalars['String']['input']>;
  /** Notes for the city only (`null` clears them). */
  internalNotes?: InputMaybe<Scalars['String']['input']>;
  /** The new status, by the allowed moves. */
  status: SignalStatus;
};

/** Changes to a webhook: fields left out stay as they are. */
export type UpdateWebhookInput = {
  /** `false` pauses deliveries; `true` resumes them where they stopped. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** What the webhook is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The kinds of object whose changes are delivered. */
  entityTypes?: InputMaybe<Array<EntityType>>;
  /** Where events are posted. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** Why an item was refused. */
export type UpsertError = {
  __typename?: 'UpsertError';
  /** The error code, as in `extensions.code`. */
  code: Scalars['String']['output'];
  /** The offending field of the item (e.g. `wijkCodes`), for `BAD_USER_INPUT`. */
  field?: Maybe<Scalars['String']['output']>;
  /** What was wrong. */
  message: Scalars['String']['output'];
};

/** One project as a partner's own system holds it, keyed by that system's id. */
export type UpsertProjectInput = {
  /** Last day. */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** Your own id for the project (unique within your organisation), 1–200 characters. */
  externalId: Scalars['String']['input'];
  /** The phase (left as it is when not given). */
  phase?: InputMaybe<Phase>;
  /** First day. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** What the project does and for whom. */
  summary: Scalars['String']['input'];
  /** Who it is for, in words. */
  targetGroups?: Array<Scalars['String']['input']>;
  /** Policy themes (at least one). */
  themes: Array<Theme>;
  /** Title, 1–200 characters. */
  title: Scalars['String']['input'];
  /** Who may read it. */
  visibility?: Visibility;
  /** CBS codes of the wijken it runs in (at least one). */
  wijkCodes: Array<Scalars['String']['input']>;
};

/** The result of one item. */
export type UpsertProjectResult = {
  __typename?: 'UpsertProjectResult';
  /** Why the item was refused; null otherwise. */
  error?: Maybe<UpsertError>;
  /** The item's external id. */
  externalId: Scalars['String']['output'];
  /** The project as it now is; null on error. */
  project?: Maybe<Project>;
  /** What happened. */
  status: UpsertStatus;
};

/** What an item of `upsertProjects` did. */
export type UpsertStatus =
  /** A new project was registered (your organisation leads it). */
  | 'CREATED'
  /** The item was refused; see `error`. */
  | 'ERROR'
  /** The project already matched: nothing written, no version bumped. */
  | 'UNCHANGED'
  /** The project was changed. */
  | 'UPDATED';

/** How urgent a signal is. */
export type Urgency =
  /** Needs attention now. */
  | 'HIGH'
  /** Can wait. */
  | 'LOW'
  /** Needs attention soon. */
  | 'MEDIUM';

/** The signed-in caller. */
export type Viewer = {
  __typename?: 'Viewer';
  /** True for callers from a city department. */
  isCity: Scalars['Boolean']['output'];
  /** The caller's organisation. */
  organisation?: Maybe<Organisation>;
  /** The caller's role. */
  role: Role;
  /** The token's subject: a user or API client id. */
  subject: Scalars['String']['output'];
};

/** Who may read a project. */
export type Visibility =
  /** Only its participants and the city. */
  | 'INTERNAL'
  /** Every signed-in partner and the city. */
  | 'SHARED';

/**
 * An endpoint that receives the change feed: every change its organisation may see, in commit
 * order, as a signed CloudEvent.
 */
export type Webhook = {
  __typename?: 'Webhook';
  /**
   * Whether events are being delivered. A webhook failing for 24 hours turns itself off
   * (`lastError` says why); turned on again it resumes where it stopped.
   */
  active: Scalars['Boolean']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The deliveries of events, newest first. */
  deliveries: WebhookDeliveryConnection;
  /** What the webhook is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** The kinds of object whose changes are delivered. */
  entityTypes: Array<EntityType>;
  /** Since when deliveries fail without a success in between. */
  failingSince?: Maybe<Scalars['DateTime']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Why the last delivery failed, or why the webhook was turned off; null after a success. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due after a failure. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The organisation whose view of the feed is delivered. */
  organisation?: Maybe<Organisation>;
  /** Until when the secret before the last rotation still signs, beside the new one. */
  previousSecretValidUntil?: Maybe<Scalars['DateTime']['output']>;
  /** When it was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Where events are posted. */
  url: Scalars['String']['output'];
  /** What you may do to this webhook. */
  viewerCan: WriteRights;
};


/**
 * An endpoint that receives the change feed: every change its organisation may see, in commit
 * order, as a signed CloudEvent.
 */
export type WebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of webhooks, keyset-paginated with `first` and `after`. */
export type WebhookConnection = {
  __typename?: 'WebhookConnection';
  /** The items of this page with their cursors. */
  edges: Array<WebhookEdge>;
  /** The items of this page. */
  nodes: Array<Webhook>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One event's delivery to a webhook. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** When the event was first taken up for this webhook. */
  createdAt: Scalars['DateTime']['output'];
  /**
   * The feed cursor just after this event: pass it to `redeliverWebhook` to replay what
   * followed.
   */
  cursor: Scalars['String']['output'];
  /** When the endpoint acknowledged it. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Its id. */
  entityId: Scalars['ID']['output'];
  /** What kind of object changed. */
  entityType?: Maybe<EntityType>;
  /**
   * The event's id: the CloudEvents `id` and the `webhook-id` header. The same for every
   * attempt and replay of the same change: deduplicate on it.
   */
  eventId: Scalars['String']['output'];
  /** Why the last attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The HTTP status of the last answer, if there was one. */
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** What happened, as the webhook's organisation sees it. */
  operation?: Maybe<ChangeOperation>;
  /** The event's place in the feed (the CloudEvents `sequence`), orderable as text. */
  sequence: Scalars['String']['output'];
  /** Where the delivery stands. */
  status: DeliveryStatus;
  /** The object's version after the change. */
  version: Scalars['Int']['output'];
};

/** A page of webhook deliveries, keyset-paginated with `first` and `after`. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The items of this page with their cursors. */
  edges: Array<WebhookDeliveryEdge>;
  /** The items of this page. */
  nodes: Array<WebhookDelivery>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** One of webhook deliveries with its cursor. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: WebhookDelivery;
};

/** One of webhooks with its cursor. */
export type WebhookEdge = {
  __typename?: 'WebhookEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Webhook;
};

/** A CBS neighbourhood (wijk). Reference data: only administrators change it. */
export type Wijk = {
  __typename?: 'Wijk';
  /** CBS code, e.g. `WK051836`. */
  code: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name, e.g. `Moerwijk`. */
  name: Scalars['String']['output'];
  /** Number of residents on `populationDate`. */
  population?: Maybe<Scalars['Int']['output']>;
  /** The reference date of `population`. */
  populationDate?: Maybe<Scalars['Date']['output']>;
  /** Projects running in this wijk that you may read. Needs a signed-in caller. */
  projects: ProjectConnection;
  /** The stadsdeel the wijk lies in. */
  stadsdeel?: Maybe<Stadsdeel>;
};


/** A CBS neighbourhood (wijk). Reference data: only administrators change it. */
export type WijkProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ProjectOrder>;
};

/** A page of wijken, keyset-paginated with `first` and `after`. */
export type WijkConnection = {
  __typename?: 'WijkConnection';
  /** The items of this page with their cursors. */
  edges: Array<WijkEdge>;
  /** The items of this page. */
  nodes: Array<Wijk>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (all pages), counting only what you may read. */
  totalCount: Scalars['Int']['output'];
};

/** Number of signals in one wijk. */
export type WijkCount = {
  __typename?: 'WijkCount';
  /** Number of signals. */
  count: Scalars['Int']['output'];
  /** The wijk. */
  wijk: Wijk;
};

/** One of wijken with its cursor. */
export type WijkEdge = {
  __typename?: 'WijkEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Wijk;
};

/** Narrows `wijken`. */
export type WijkFilterInput = {
  /** Only wijken covered by this focus area (code, e.g. `zuidwest`). */
  focusAreaCode?: InputMaybe<Scalars['String']['input']>;
  /** Only wijken in this stadsdeel (code, e.g. `ESC`). */
  stadsdeelCode?: InputMaybe<Scalars['String']['input']>;
};

/**
 * What the programme office needs for the political level, per wijk. Project figures count the
 * projects you may read.
 */
export type WijkOverview = {
  __typename?: 'WijkOverview';
  /**
   * Budget per kind of funder, rejected lines included, over the projects whose budget you
   * may read (all for the city; a partner's own projects for partners).
   */
  budgetByFunderKind: Array<FunderAmount>;
  /** Coverage and mean observed score per effect. */
  effects: Array<EffectCoverage>;
  /** Number of projects running in the wijk. */
  projectCount: Scalars['Int']['output'];
  /** Projects per phase. */
  projectsByPhase: Array<PhaseCount>;
  /** Projects per theme (a project with several themes counts once for each). */
  projectsByTheme: Array<ThemeCount>;
  /** Signals from the wijk per theme and status (counts of all signals). */
  signals: Array<SignalThemeStatusCount>;
  /** The wijk. */
  wijk: Wijk;
};

/** What the caller may do to an object owned by one organisation. */
export type WriteRights = {
  __typename?: 'WriteRights';
  /** Whether a delete would be allowed. */
  delete: Scalars['Boolean']['output'];
  /** Whether an update would be allowed. */
  update: Scalars['Boolean']['output'];
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'Viewer', organisation?: { __typename?: 'Department', id: string, name: string } | { __typename?: 'Partner', id: string, name: string } | null } | null };

export type MyProjectsQueryVariables = Exact<{
  org?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MyProjectsQuery = { __typename?: 'Query', projects: { __typename?: 'ProjectConnection', nodes: Array<{ __typename?: 'Project', id: string, title: string, version: number, summary: string, viewerCan: { __typename?: 'ProjectViewerCan', update: boolean } }> } };

export type UpdateSummaryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  summary: Scalars['String']['input'];
}>;


export type UpdateSummaryMutation = { __typename?: 'Mutation', updateProject: { __typename?: 'Project', id: string, version: number, summary: string } };

export type ChangesHeadQueryVariables = Exact<{ [key: string]: never; }>;


export type ChangesHeadQuery = { __typename?: 'Query', changesHead: string };

export type ProjectChangesSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProjectChangesSubscription = { __typename?: 'Subscription', changes: { __typename?: 'Change', cursor: string, entityType?: EntityType | null, entityId: string, operation: ChangeOperation } };


export const MeDocument = {"__meta__":{"hash":"80bb43f2a2324da2fc5056dc0b3b005d319610defc1b7d3bf2571e4948f57586"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const MyProjectsDocument = {"__meta__":{"hash":"e293aeb00a8566b53969d958e0a238d26f7c420626201f79aa8f087d4f60f78b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"org"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"organisationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"org"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"update"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyProjectsQuery, MyProjectsQueryVariables>;
export const UpdateSummaryDocument = {"__meta__":{"hash":"1261ca9ca78f52e1481a1006a8fd97e8f5e5e5cb9eb40a729f9b80340a4738d2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"summary"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"summary"},"value":{"kind":"Variable","name":{"kind":"Name","value":"summary"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<UpdateSummaryMutation, UpdateSummaryMutationVariables>;
export const ChangesHeadDocument = {"__meta__":{"hash":"c6abcd056855cb78e6810c971e8ea99adc73fbca739f705b8168eaef5f24ce00"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChangesHead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changesHead"}}]}}]} as unknown as DocumentNode<ChangesHeadQuery, ChangesHeadQueryVariables>;
export const ProjectChangesDocument = {"__meta__":{"hash":"26b3bb875dff5c645d8b76447256222edfd9565a5c703a9da6b51959b1990e1b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ProjectChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"entityTypes"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PROJECT"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}}]}}]}}]} as unknown as DocumentNode<ProjectChangesSubscription, ProjectChangesSubscriptionVariables>;