/** Who a signed-in person is in the system: their Actor (role, community) from the staff directory. */
import type { Actor } from './event-store';

export interface PeopleDirectory {
  actorOf(personalId: string, assurance: 'eid' | 'mid' | 'password'): Promise<Actor>;
}
