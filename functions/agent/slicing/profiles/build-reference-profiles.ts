// Writes the reference profiles beside this file (`npm run slicing:profiles`, needs prusa-slicer).
// Each one is PrusaSlicer's stock Original Prusa i3 MK3S + "0.20mm QUALITY @MK3" + one filament,
// flattened out of the vendor bundle the Debian package ships (which --load cannot read: its
// sections inherit from each other), made printer-neutral (plain Marlin 2 start/end G-code, no
// Prusa-only checks), given Atelier's material densities, then loaded and saved once by the
// slicer itself so the file is a complete config in the slicer's own words. Run it again after
// a slicer upgrade; commit the result. Not imported by the agent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MATERIALS, type Material } from '../../../domain/materials.ts';
import { parseIni } from '../profile.ts';
import { parseSlicerBanner } from '../prusa-slicer.ts';

const BUNDLE = '/usr/share/PrusaSlicer/profiles/PrusaResearch.ini';
const PRINTER = 'Original Prusa i3 MK3S & MK3S+';
const PRINT = '0.20mm QUALITY @MK3';

/** Which stock filament each Atelier material starts from (there is no "Generic" ASA or TPU). */
const FILAMENTS: Record<Material, string> = {
  PLA: 'Generic PLA',
  PETG: 'Generic PETG',
  ASA: 'Prusament ASA',
  TPU: 'Generic FLEX',
};

/** Bundle bookkeeping the slicer does not take from a plain config file. */
const DROPPED = /^(inherits|compatible_printers(_condition)?|renamed_from|default_\w+_profile|printer_variant|\w+_settings_id|octoprint_\w+|serial_\w+|external_fill_pattern|filament_vendor)$/;

const START_GCODE = [
  'G90 ; use absolute coordinates',
  'M83 ; extruder relative mode',
  'M140 S[first_layer_bed_temperature] ; set bed temp',
  'M104 S[first_layer_temperature] ; set extruder temp',
  'G28 ; home all axes',
  'M190 S[first_layer_bed_temperature] ; wait for bed temp',
  'M109 S[first_layer_temperature] ; wait for extruder temp',
  'G1 Z5 F720',
  'G1 X2 Y2 F3000 ; purge line start',
  'G1 Z0.2 F720',
  'G92 E0',
  'G1 X60 E9 F1000 ; purge line',
  'G1 X100 E12.5 F1000 ; purge line',
  'G92 E0',
].join('\\n');

const END_GCODE = [
  '{if max_layer_z < max_print_height}G1 Z{z_offset+min(max_layer_z+10, max_print_height)} F720 ; move the head up{endif}',
  'G1 X0 Y200 F3600 ; present the print',
  'M104 S0 ; turn off the hotend',
  'M140 S0 ; turn off the bed',
  'M107 ; turn off the fan',
  'M84 ; disable motors',
].join('\\n');

type Sections = Map<string, Map<string, string>>;

const readBundle = (path: string): Sections => {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const header = /^\[(.+)\]\s*$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1], current);
    } else if (current) {
      for (const [key, value] of parseIni(line)) current.set(key, value);
    }
  }
  return sections;
};

/** A bundle section with everything it inherits (parents in order, the section's own keys last). */
const flatten = (bundle: Sections, section: string): Map<string, string> => {
  const own = bundle.get(section);
  if (!own) throw new Error(`${BUNDLE} has no [${section}]`);
  const kind = section.slice(0, section.indexOf(':'));
  const parents = (own.get('inherits') ?? '').split(';').map((p) => p.trim()).filter(Boolean);
  const merged = new Map<string, string>();
  for (const parent of parents) for (const [k, v] of flatten(bundle, `${kind}:${parent}`)) merged.set(k, v);
  for (const [k, v] of own) merged.set(k, v);
  return merged;
};

/**
 * The two-colour variant: the same print settings on PrusaSlicer's stock MK3S + MMU2S (one
 * nozzle, filaments swapped through a wipe tower) cut down to two filaments. Only for the
 * materials listed here.
 */
const MULTI_MATERIAL = {
  printer: 'Original Prusa i3 MK3S & MK3S+ MMU2S',
  filaments: { PLA: 'Generic PLA @MMU2', PETG: 'Generic PETG @MMU2' } as Partial<Record<Material, string>>,
  overrides: { nozzle_diameter: '0.4,0.4', extruder_colour: '"#2C6FBB;#F4F1EA"', wipe_tower: '1', start_gcode: `${START_GCODE}\\nT[initial_tool]` },
};

const profileText = (bundle: Sections, material: Material, colours = 1): string => {
  const config = new Map<string, string>();
  const sections = colours === 1
    ? [`printer:${PRINTER}`, `print:${PRINT}`, `filament:${FILAMENTS[material]}`]
    : [`printer:${MULTI_MATERIAL.printer}`, `print:${PRINT}`, `filament:${MULTI_MATERIAL.filaments[material]}`];
  for (const section of sections) {
    for (const [k, v] of flatten(bundle, section)) if (!DROPPED.test(k)) config.set(k, v);
  }
  const overrides: Record<string, string> = {
    bed_shape: '0x0,250x0,250x210,0x210',
    max_print_height: '210',
    gcode_flavor: 'marlin2',
    silent_mode: '0',
    printer_model: '',
    printer_notes: 'Atelier reference printer: generic 250x210x210 mm bed, 0.4 mm nozzle, Marlin 2 G-code',
    thumbnails: '',
    start_gcode: START_GCODE,
    end_gcode: END_GCODE,
    start_filament_gcode: '"; Filament gcode"',
    filament_density: String(MATERIALS[material].densityGPerCm3),
    filament_diameter: '1.75',
    filament_type: material === 'TPU' ? 'FLEX' : material,
    output_filename_format: '{input_filename_base}.gcode',
  };
  for (const [k, v] of Object.entries(overrides)) config.set(k, v);
  if (colours > 1) for (const [k, v] of Object.entries(MULTI_MATERIAL.overrides)) config.set(k, v);
  return [...config].map(([k, v]) => `${k} = ${v}`).join('\n') + '\n';
};

export const referenceId = (material: Material, colours = 1): string =>
  `atelier-${material.toLowerCase()}-0.4n-0.2mm${colours > 1 ? `-${colours}c` : ''}`;

const header = (material: Material, slicer: string, colours = 1): string =>
  [
    `# Atelier reference profile ${referenceId(material, colours)}: ${MATERIALS[material].label}${colours > 1 ? `, ${colours} filaments (one nozzle, wipe tower)` : ''}.`,
    `# Generic FFF printer, 250x210x210 mm bed, 0.4 mm nozzle, 1.75 mm filament, 0.2 mm layers,`,
    `# ${MATERIALS[material].densityGPerCm3} g/cm3 (functions/domain/materials.ts).`,
    `# Made by functions/agent/slicing/profiles/build-reference-profiles.ts from ${slicer}'s stock`,
    colours > 1
      ? `# "${MULTI_MATERIAL.printer}" (cut to ${colours} filaments) + "${PRINT}" + "${MULTI_MATERIAL.filaments[material]}"`
      : `# "${PRINTER}" + "${PRINT}" + "${FILAMENTS[material]}"`,
    `# (vendor bundle PrusaResearch.ini), with plain Marlin 2 start/end G-code.`,
    `# Used to slice reference jobs and to calibrate the quote; a shop slices with its own export.`,
  ].join('\n');

export function buildReferenceProfiles(outDir: string, slicer = 'prusa-slicer'): string[] {
  const bundle = readBundle(BUNDLE);
  const banner = execFileSync(slicer, ['--loglevel', '0', '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const version = parseSlicerBanner(banner) ?? slicer;
  const work = mkdtempSync(join(tmpdir(), 'atelier-profiles-'));
  const written: string[] = [];
  try {
    const variants = [
      ...(Object.keys(FILAMENTS) as Material[]).map((material) => ({ material, colours: 1 })),
      ...(Object.keys(MULTI_MATERIAL.filaments) as Material[]).map((material) => ({ material, colours: 2 })),
    ];
    for (const { material, colours } of variants) {
      const id = referenceId(material, colours);
      const draft = join(work, `${id}.ini`);
      const saved = join(work, `${id}.saved.ini`);
      writeFileSync(draft, profileText(bundle, material, colours));
      execFileSync(slicer, ['--loglevel', '1', '--load', draft, '--save', saved], { stdio: ['ignore', 'ignore', 'inherit'] });
      const body = readFileSync(saved, 'utf8').replace(/^# generated by .*\n/, '');
      const target = join(outDir, `${id}.ini`);
      writeFileSync(target, `${header(material, version, colours)}\n${body}`);
      written.push(target);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of buildReferenceProfiles(dirname(fileURLToPath(import.meta.url)))) console.log(`wrote ${path}`);
}
