// The catalogue: every design Atelier offers, in the order a customer sees them.
import { boxWithLid } from './box-with-lid.ts';
import { cableOrganizer } from './cable-organizer.ts';
import { deskSign } from './desk-sign.ts';
import { gridfinityBaseplate } from './gridfinity-baseplate.ts';
import { gridfinityBin } from './gridfinity-bin.ts';
import { headphoneHanger } from './headphone-hanger.ts';
import { knob } from './knob.ts';
import { nameTag } from './name-tag.ts';
import { phoneStand } from './phone-stand.ts';
import { pipeClip } from './pipe-clip.ts';
import { planter } from './planter.ts';
import { spacer } from './spacer.ts';
import { prepareEveryOption, type AnyDesign } from './types.ts';
import { wallHook } from './wall-hook.ts';

export const catalogue: readonly AnyDesign[] = [nameTag, planter, phoneStand, gridfinityBin, gridfinityBaseplate, cableOrganizer, wallHook, knob, deskSign, boxWithLid, spacer, headphoneHanger, pipeClip];

export const findDesign = (id: string): AnyDesign | undefined => catalogue.find((d) => d.id === id);

/** Preloads what every design needs for any of its configurations (typefaces): for Node tools and tests. */
export const prepareCatalogue = async (): Promise<void> => {
  await Promise.all(catalogue.map((design) => prepareEveryOption(design)));
};
