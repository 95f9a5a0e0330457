/** The GraphQL modules of the contract, assembled from the running system's parts. */
import type { GraphqlModule } from '../../http/server';
import { commandTypeDefs } from './commands.graphql';
import { declaredCommands } from '../../../application/commands/pipeline';
import { commandRegistry, type Commands } from '../../../application/commands/registry';
import { mutationResolvers } from './mutations';
import { viewTypeDefs } from './types.graphql';
import { staffAppointmentTypeDefs } from './staff-directory';
import { documentTypeDefs } from './documents';
import { webhookTypeDefs, withWebhookSecret } from './integration';
import type { WebhookSecretOf } from '../../../application/webhooks/secret';

const noSecrets: WebhookSecretOf = () => {
  throw new Error('This server was built without the webhook key: it cannot register webhooks');
};

const withSecretShown = (resolvers: ReturnType<typeof mutationResolvers>, secretOf: WebhookSecretOf = noSecrets) => ({
  ...resolvers,
  registerWebhook: withWebhookSecret(resolvers.registerWebhook, secretOf),
});
import { contactDetailsTypeDefs } from './messages';

interface CertificateView {
  certificate?: { number: string; taxLiability: unknown } | null;
}

/** `webhookSecretOf`: derives the signing secret registerWebhook answers (a server without it refuses registerWebhook). */
export const commandModule = (commands: Commands, webhookSecretOf?: WebhookSecretOf): GraphqlModule => ({
  typeDefs: `${viewTypeDefs}\n${staffAppointmentTypeDefs}\n${documentTypeDefs}\n${webhookTypeDefs}\n${contactDetailsTypeDefs}\n${commandTypeDefs(declaredCommands(commandRegistry))}`,
  resolvers: {
    Mutation: withSecretShown(mutationResolvers(commands), webhookSecretOf),
    Application: {
      certificateNumber: (view: CertificateView) => view.certificate?.number ?? null,
      taxLiability: (view: CertificateView) => view.certificate?.taxLiability ?? null,
    },
  } as never,
});
