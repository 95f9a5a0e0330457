/** Every mutation of API.md. Each takes an optional commandId (idempotent retries); those on an existing aggregate take expectedRevision. */
export const mutationTypeDefs = /* GraphQL */ `
  input RegisterCommunityInput {
    code: ID!
    nameHy: String!
    nameEn: String!
    province: String!
    "\\"urban\\" or \\"rural\\""
    kind: String!
    population: Int!
    settlements: [String!]
    "Business time of the registration (past dates for history); default now."
    occurredAt: String
  }

  input ConsolidateCommunitiesInput {
    code: ID!
    nameHy: String!
    nameEn: String!
    province: String!
    kind: String!
    formerCommunityIds: [ID!]!
    settlements: [String!]
    on: String!
    population: Int
  }

  input ServiceInput {
    code: String!
    nameHy: String!
    nameEn: String!
    feeAmd: Amd!
    deadlineDays: Int!
    "\\"none\\", \\"permit\\" or \\"certificate\\""
    issues: String!
  }

  input DraftActInput {
    communityId: ID!
    "\\"council\\" or \\"head\\""
    issuer: String!
    titleHy: String!
    titleEn: String
    text: String!
  }

  extend type Mutation {
    "Ministry: register a community in the national registry."
    registerCommunity(input: RegisterCommunityInput!, source: String, commandId: ID): Community!
    "Ministry: register a consolidated (multi-settlement) community; the former ones become merged on that date."
    consolidateCommunities(input: ConsolidateCommunitiesInput!, source: String, commandId: ID): Community!
    recordPopulation(communityId: ID!, population: Int!, asOf: String!, source: String, commandId: ID, expectedRevision: Int): Community!
    deployCmis(communityId: ID!, edition: String!, on: String!, source: String, commandId: ID, expectedRevision: Int): Community!
    enableDocumentCirculation(communityId: ID!, on: String!, source: String, commandId: ID, expectedRevision: Int): Community!
    launchOfficialWebsite(communityId: ID!, url: String!, hostedOnCmis: Boolean!, on: String!, source: String, commandId: ID, expectedRevision: Int): Community!
    openCitizenServiceOffice(communityId: ID!, officeId: String!, name: String!, partners: [String!], on: String!, source: String, commandId: ID, expectedRevision: Int): Community!
    offerService(communityId: ID!, input: ServiceInput!, source: String, commandId: ID, expectedRevision: Int): Community!
    withdrawService(communityId: ID!, code: String!, source: String, commandId: ID, expectedRevision: Int): Community!

    draftAct(input: DraftActInput!, commandId: ID): Act!
    reviseActDraft(id: ID!, text: String!, commandId: ID, expectedRevision: Int): Act!
    openActDiscussion(id: ID!, until: String!, commandId: ID, expectedRevision: Int): Act!
    commentOnAct(id: ID!, comment: String!, commandId: ID, expectedRevision: Int): Act!
    closeActDiscussion(id: ID!, commandId: ID, expectedRevision: Int): Act!
    placeActOnAgenda(id: ID!, sessionDate: String!, commandId: ID, expectedRevision: Int): Act!
    "Adopted when votesFor is more than half of all votes cast, else rejected."
    recordActVote(id: ID!, votesFor: Int!, votesAgainst: Int!, votesAbstained: Int!, commandId: ID, expectedRevision: Int): Act!
    signAct(id: ID!, commandId: ID, expectedRevision: Int): Act!
    publishAct(id: ID!, effectiveFrom: String!, commandId: ID, expectedRevision: Int): Act!
    amendAct(id: ID!, amendingActId: ID!, text: String!, effectiveFrom: String!, commandId: ID, expectedRevision: Int): Act!
    repealAct(id: ID!, repealingActId: ID!, effectiveFrom: String!, commandId: ID, expectedRevision: Int): Act!

  }
`;

export const MUTATIONS = {
  community: ['registerCommunity', 'consolidateCommunities', 'recordPopulation', 'deployCmis', 'enableDocumentCirculation', 'launchOfficialWebsite', 'openCitizenServiceOffice', 'offerService', 'withdrawService'],
  act: ['draftAct', 'reviseActDraft', 'openActDiscussion', 'commentOnAct', 'closeActDiscussion', 'placeActOnAgenda', 'recordActVote', 'signAct', 'publishAct', 'amendAct', 'repealAct'],
} as const;
