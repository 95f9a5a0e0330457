/** The GraphQL modules of the contract, assembled from the running system's parts. */
import type { GraphqlModule } from '../../http/server';
import { mutationTypeDefs } from './mutations.graphql';
import { mutationResolvers, type MutationServices } from './mutations';
import { viewTypeDefs } from './types.graphql';

interface CertificateView {
  certificate?: { number: string; taxLiability: unknown } | null;
}

export const commandModule = (services: MutationServices): GraphqlModule => ({
  typeDefs: `${viewTypeDefs}\n${mutationTypeDefs}`,
  resolvers: {
    Mutation: mutationResolvers(services),
    Application: {
      certificateNumber: (view: CertificateView) => view.certificate?.number ?? null,
      taxLiability: (view: CertificateView) => view.certificate?.taxLiability ?? null,
    },
  } as never,
});
