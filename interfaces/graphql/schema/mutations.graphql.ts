/** Every mutation of API.md. Each takes an optional commandId (idempotent retries); those on an existing aggregate take expectedRevision. */
export const mutationTypeDefs = /* GraphQL */ `
  input DraftActInput {
    communityId: ID!
    "\\"council\\" or \\"head\\""
    issuer: String!
    titleHy: String!
    titleEn: String
    text: String!
  }

  extend type Mutation {
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
  act: ['draftAct', 'reviseActDraft', 'openActDiscussion', 'commentOnAct', 'closeActDiscussion', 'placeActOnAgenda', 'recordActVote', 'signAct', 'publishAct', 'amendAct', 'repealAct'],
} as const;
