/** Every mutation of API.md. Each takes an optional commandId (idempotent retries); those on an existing aggregate take expectedRevision. */
export const mutationTypeDefs = /* GraphQL */ `
  input SubmitApplicationInput {
    communityId: ID!
    serviceCode: String!
    "\\"application\\" (default) or \\"inquiry\\""
    kind: String
    subject: String!
    details: String!
    applicantName: String!
    "The resident the application is for (staff submitting on a resident's behalf)."
    applicantId: String
    "online (residents), or cso, hotline, in-person (staff on a resident's behalf)"
    channel: String
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
    "A resident (eID/mID) submits online, or staff on a resident's behalf. dueOn = submission date + the service's deadline."
    submitApplication(input: SubmitApplicationInput!, commandId: ID): Application!
    registerApplication(id: ID!, commandId: ID, expectedRevision: Int): Application!
    assignApplication(id: ID!, assigneeId: String!, commandId: ID, expectedRevision: Int): Application!
    requestApplicationInformation(id: ID!, question: String!, commandId: ID, expectedRevision: Int): Application!
    provideApplicationInformation(id: ID!, answer: String!, commandId: ID, expectedRevision: Int): Application!
    approveApplication(id: ID!, basis: String!, commandId: ID, expectedRevision: Int): Application!
    rejectApplication(id: ID!, reason: String!, basis: String!, commandId: ID, expectedRevision: Int): Application!
    "Only for an approved application of a permit service whose fee is settled."
    issuePermit(id: ID!, validFrom: String!, validUntil: String!, commandId: ID, expectedRevision: Int): Application!
    issueCertificate(id: ID!, commandId: ID, expectedRevision: Int): Application!
    answerInquiry(id: ID!, answer: String!, commandId: ID, expectedRevision: Int): Application!
    withdrawApplication(id: ID!, reason: String!, commandId: ID, expectedRevision: Int): Application!

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
  application: [
    'submitApplication',
    'registerApplication',
    'assignApplication',
    'requestApplicationInformation',
    'provideApplicationInformation',
    'approveApplication',
    'rejectApplication',
    'issuePermit',
    'issueCertificate',
    'answerInquiry',
    'withdrawApplication',
  ],
  act: ['draftAct', 'reviseActDraft', 'openActDiscussion', 'commentOnAct', 'closeActDiscussion', 'placeActOnAgenda', 'recordActVote', 'signAct', 'publishAct', 'amendAct', 'repealAct'],
} as const;
