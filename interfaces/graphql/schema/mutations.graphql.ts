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

  }
`;

export const MUTATIONS = {
  community: ['registerCommunity', 'consolidateCommunities', 'recordPopulation', 'deployCmis', 'enableDocumentCirculation', 'launchOfficialWebsite', 'openCitizenServiceOffice', 'offerService', 'withdrawService'],
} as const;
