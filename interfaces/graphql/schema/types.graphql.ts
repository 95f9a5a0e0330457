/** The contract's types (docs/api.md, "Views and statuses"), documented for GraphiQL. */
export const viewTypeDefs = /* GraphQL */ `
  "Where a community fact came from: a source id of the national data file (e.g. S_cod_adm3) or \\"synthetic\\"."
  type Provenance {
    "The fact, e.g. registered, population, cmis."
    fact: String!
    "The source id, or synthetic."
    source: String!
  }

  "The community's official website (պաշտոնական համացանցային կայք)."
  type OfficialWebsite {
    url: String!
    "True when the website runs on CMIS (ՀԿՏՀ)."
    hostedOnCmis: Boolean!
  }

  "A citizen service office, «one window» (քաղաքացիների սպասարկման գրասենյակ, ՔՍԳ)."
  type CitizenServiceOffice {
    officeId: String!
    name: String!
    "Partners that founded it (e.g. GIZ, SDC, USAID)."
    partners: [String!]!
    "Opening date, YYYY-MM-DD."
    openedOn: String
  }

  "A service of the community's catalogue (ծառայության ընթացակարգ)."
  type Service {
    code: String!
    nameHy: String!
    nameEn: String!
    "The fee in drams (may be 0)."
    feeAmd: Amd!
    "Days from submission to the due date, counted as deadlineKind says."
    deadlineDays: Int!
    "\\"calendar\\" (calendar days) or \\"working\\" (working days after the submission date)."
    deadlineKind: String!
    "\\"none\\", \\"permit\\" (թույլտվություն) or \\"certificate\\" (տեղեկանք)."
    issues: String!
  }

  "A government decision about one day of the working-day calendar."
  type WorkingDayDeclaration {
    "YYYY-MM-DD"
    on: String!
    "True: made a working day; false: made non-working."
    working: Boolean!
    reason: String!
    "When it was recorded: due dates set before it are counted without it."
    declaredAt: String!
  }

  "Armenia's working-day calendar (id AM): the law's non-working days plus these declarations."
  type WorkingDayCalendar {
    id: ID!
    revision: Int!
    declarations: [WorkingDayDeclaration!]!
  }

  "A community (համայնք) of Armenia; its id is its code."
  type Community {
    "The community's code (unique forever)."
    id: ID!
    revision: Int!
    "\\"active\\" or \\"merged\\" (into a consolidated community, from the merger date)."
    status: String!
    nameHy: String!
    nameEn: String!
    "Province (մարզ), English name; Yerevan's province is \\"Yerevan\\"."
    province: String!
    "\\"urban\\" or \\"rural\\"."
    kind: String!
    "Latest recorded population (բնակչություն)."
    population: Int
    populationAsOf: String
    "Settlements (բնակավայրեր) of a multi-settlement community."
    settlements: [String!]!
    "null, \\"single-settlement\\" or \\"multi-settlement\\" edition of CMIS."
    cmisEdition: String
    cmisDeployedOn: String
    "Electronic document circulation (էլեկտրոնային փաստաթղթաշրջանառություն) enabled."
    documentCirculation: Boolean!
    documentCirculationOn: String
    officialWebsite: OfficialWebsite
    citizenServiceOffices: [CitizenServiceOffice!]!
    services: [Service!]!
    provenance: [Provenance!]!
    registeredOn: String
    "Date of the consolidation that created this community (խոշորացված համայնք)."
    consolidatedOn: String
    formerCommunityIds: [ID!]!
    mergedInto: ID
    mergedOn: String
  }

  type Permit {
    number: String!
    validFrom: String!
    validUntil: String!
  }

  type ApplicationDecision {
    "\\"approved\\", \\"rejected\\" or \\"answered\\"."
    outcome: String!
    basis: String
    reason: String
    answer: String
  }

  "An application or inquiry (դիմում / հարցում) for a service."
  type Application {
    id: ID!
    revision: Int!
    "submitted (ներկայացված), registered (գրանցված), assigned (հանձնարարված), awaiting-information, approved (բավարարված), rejected (մերժված), completed (ավարտված), withdrawn (հետ կանչված)."
    status: String!
    communityId: ID!
    serviceCode: String!
    serviceNameHy: String
    serviceNameEn: String
    "\\"application\\" or \\"inquiry\\"."
    kind: String!
    subject: String!
    details: String
    applicantId: String
    applicantName: String
    "online, cso, hotline or in-person."
    channel: String
    submittedAt: String
    "The public tracking code given at submission (10 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ)."
    trackingCode: String
    "The incoming registration number from the community's journal: <communityId>/<year>/<n>."
    registrationNumber: String
    assigneeId: String
    pendingQuestion: String
    "Due date: submission date plus the service's deadline."
    dueOn: String!
    "Not decided and past its due date (Asia/Yerevan)."
    overdue: Boolean!
    "The fee is paid or waived (or the service is free)."
    feeSettled: Boolean!
    decidedAt: String
    decision: ApplicationDecision
    permit: Permit
    certificateNumber: String
    "The property-tax liability snapshot of a tax-liability certificate."
    taxLiability: JSON
    completedAt: String
    withdrawnAt: String
  }

  "A local duty or fee (տեղական տուրք / վճար)."
  type Fee {
    id: ID!
    revision: Int!
    "due (վճարման ենթակա), partially-paid, paid (վճարված), waived (ազատված), cancelled (չեղարկված)."
    status: String!
    communityId: ID!
    code: String!
    amountAmd: Amd!
    "Every payment recorded, before refunds."
    paidAmd: Amd!
    refundedAmd: Amd!
    balanceAmd: Amd!
    dueOn: String!
    "Due or partially paid and past its due date (ժամկետանց)."
    overdue: Boolean!
    payerId: String
    payerName: String
    applicationId: ID
    basis: String
    assessedAt: String
    paidAt: String
    waiverReason: String
    cancellationReason: String
  }

  type Votes {
    "Votes for (կողմ)."
    for: Int!
    "Votes against (դեմ)."
    against: Int!
    "Abstentions (ձեռնպահ)."
    abstained: Int!
  }

  "A version of an act's text and the date it entered into force."
  type ActVersion {
    version: Int!
    text: String!
    effectiveFrom: String
    amendingActId: ID
  }

  "A legal act (իրավական ակտ): a council decision or a decision of the head of community."
  type Act {
    id: ID!
    revision: Int!
    "draft, in-discussion, on-agenda, adopted, rejected, signed, published, repealed."
    status: String!
    communityId: ID!
    "\\"council\\" (ավագանի) or \\"head\\" (համայնքի ղեկավար)."
    issuer: String!
    "Unique per community and year, assigned at adoption or signing."
    number: String
    titleHy: String!
    titleEn: String
    "The text (in force on asOf when asked)."
    text: String
    version: Int!
    effectiveFrom: String
    votes: Votes
    inForce: Boolean
    discussionUntil: String
    commentCount: Int
    sessionDate: String
    repealedBy: ID
    repealEffectiveFrom: String
    history: [ActVersion!]!
  }

  "A complaint (բողոք)."
  type Complaint {
    id: ID!
    revision: Int!
    "filed, acknowledged, assigned, responded, escalated, reopened, closed."
    status: String!
    communityId: ID!
    "online, hotline (թեժ գիծ), cso or in-person."
    channel: String!
    category: String!
    subject: String
    description: String
    "upheld, partially-upheld or rejected."
    resolution: String
    "30 days after filing."
    responseDueOn: String!
    overdue: Boolean!
    complainantId: String
    complainantName: String
    filedAt: String
    respondedAt: String
    response: String
    escalatedTo: String
    reopenableUntil: String
    closedAt: String
  }
`;
