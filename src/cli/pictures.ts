/** What the terminal pictures say in words (English, as the CLI's other messages). */
import type { MapLabels } from '../core/pictures/relationshipMap.js';
import { CONTACT_STANCES } from '../core/sobjects.js';
import { sharedMessages } from './flags.js';

/** The relationship map's labels: its title, the decision mark, what people care about, each stance. */
export function mapLabels(): MapLabels {
  const stances = Object.fromEntries(
    CONTACT_STANCES.map((stance) => [stance, sharedMessages.getMessage(`map.stance.${stance}`)]),
  ) as MapLabels['stances'];
  return {
    title: sharedMessages.getMessage('map.title'),
    decisionMaker: sharedMessages.getMessage('map.decisionMaker'),
    caresAbout: sharedMessages.getMessage('map.caresAbout'),
    stances,
  };
}
