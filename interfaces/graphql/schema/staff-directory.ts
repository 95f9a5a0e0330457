/**
 * The staff directory over GraphQL: the `StaffAppointment` view the four directory mutations answer with
 * (they are printed from the command registry), and `staffDirectory(communityId)` over its read model.
 */
import type { Queries } from '../../../application/queries';
import { authorizeRead } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';

/** The view type; part of the command module's schema, since the Mutation type names it. */
export const staffAppointmentTypeDefs = /* GraphQL */ `
  "An appointment in the staff directory (աշխատակազմի ցանկ): a person's role in a community's administration, or as a national official."
  type StaffAppointment {
    "The personal id (ՀԾՀ)."
    id: ID!
    revision: Int!
    "appointed, or dismissed (then the fields describe the last appointment held)."
    status: String!
    "The public service number (ՀԾՀ): 10 digits."
    personalId: String!
    name: String!
    "staff, head or council of communityId; ministry or auditor (national)."
    role: String!
    "The community of staff, head and council; null for the ministry and auditors."
    communityId: ID
    "Business time of the appointment."
    appointedAt: String!
    "Yerevan date of the appointment (YYYY-MM-DD)."
    appointedOn: String!
    dismissedAt: String
  }
`;

const staffDirectoryQueryTypeDefs = /* GraphQL */ `
  extend type Query {
    "Who is appointed now: the community's head, council members and staff, then the ministry's officials and the auditors (by name within each role)."
    staffDirectory(communityId: ID!): [StaffAppointment!]!
  }
`;

export const staffDirectoryModule = (queries: Pick<Queries, 'staffDirectory'>): GraphqlModule => ({
  typeDefs: staffDirectoryQueryTypeDefs,
  resolvers: {
    Query: {
      staffDirectory: (_: unknown, a: { communityId: string }, ctx: RequestContext) => {
        authorizeRead(ctx.caller, { kind: 'staff-directory', communityId: a.communityId });
        return queries.staffDirectory(a.communityId);
      },
    },
  } as never,
});
