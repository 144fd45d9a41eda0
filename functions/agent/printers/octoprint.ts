// OctoPrint behind the Printer interface, following docs.octoprint.org/en/master/api/:
// "File operations" (upload: POST /api/files/local multipart with file, select, print → 201
// {files.local, effectiveSelect, effectivePrint}; issue a file command: POST
// /api/files/local/{path} {command:"select", print:true} → 204, 409 when printing or not
// operational; retrieve a file's information: GET /api/files/{origin}/{path} → prints.last),
// "Job operations" (GET /api/job → state text, job.file, progress.completion 0–100,
// progress.printTimeLeft) and "Printer operations" (GET /api/printer → state.flags, 409 when
// not operational). Auth: X-Api-Key; a missing or wrong key is 403 ("General information").
//
// Finished vs cancelled. After a print OctoPrint goes back to "Operational" and keeps the file
// selected. On completion it sets progress to completion 100, printTimeLeft 0
// (printer/standard.py on_printer_job_done); on a cancel it clears progress to nulls
// (on_printer_job_cancelled), which is also what a file that was selected but never started
// shows. So: Operational + file + completion 100 → finished. Operational + file + anything else
// → the file's own print history decides: GET /api/files/{origin}/{path} prints.last.success
// false → cancelled (OctoPrint logs a cancel or a failure as an unsuccessful print), otherwise
// idle. Limits: OctoPrint writes that history from a background thread, so for a moment right
// after a cancel the phase may read idle before it reads cancelled; a file printed and
// cancelled earlier, re-selected and not yet started, reads cancelled; after OctoPrint itself
// restarts nothing is selected and the phase is idle with file null. A caller that knows it
// started a file and then sees idle without it should treat the job as not completed.
import type { Printer, PrinterPhase, PrinterSettings, PrinterStatus, UploadedFile } from './printer.ts';
import { clipText, createPrinterHttp, errorText, num, parseJson, percentOf, secondsOf, type PrinterAnswer, type PrinterHttpOptions } from './printer-http.ts';

export type OctoPrintOptions = Omit<PrinterHttpOptions, 'kind' | 'url'>;

interface JobAnswer {
  state?: string;
  error?: string | null;
  job?: { file?: { name?: string | null; path?: string | null; display?: string | null; origin?: string | null } };
  progress?: { completion?: number | null; printTime?: number | null; printTimeLeft?: number | null };
}

interface Flags {
  operational?: boolean;
  printing?: boolean;
  paused?: boolean;
  pausing?: boolean;
  cancelling?: boolean;
  finishing?: boolean;
  error?: boolean;
  ready?: boolean;
  closedOrError?: boolean;
}

/** OctoPrint's state texts (1.x util/comm.py getStateString, 2.x printer/connection.py ConnectedPrinterState). */
export function phaseOfStateText(text: string): PrinterPhase | 'operational' | null {
  const state = text.trim();
  if (state === 'Operational') return 'operational';
  if (/^(Printing|Printing from SD|Starting|Starting print from SD|Resuming|Finishing)$/.test(state)) return 'printing';
  if (state === 'Paused' || state === 'Pausing') return 'paused';
  if (state === 'Cancelling') return 'cancelled';
  if (/^Error\b/.test(state) || state === 'Offline after error') return 'error';
  if (/^(Offline|Closed|Opening serial connection|Detecting.*|Connecting)$/.test(state)) return 'offline';
  if (/^(Sending file to SD|Starting to send file to SD|Transferring file to (SD|printer))$/.test(state)) return 'busy';
  return null;
}

/** For a state text this adapter does not know (a translation, a plugin): the language-free flags. */
export function phaseOfFlags(flags: Flags): PrinterPhase | 'operational' {
  if (flags.error || flags.closedOrError) return flags.error ? 'error' : 'offline';
  if (flags.cancelling) return 'cancelled';
  if (flags.paused || flags.pausing) return 'paused';
  if (flags.printing || flags.finishing) return 'printing';
  if (flags.operational && flags.ready !== false) return 'operational';
  return flags.operational ? 'busy' : 'offline';
}

export function createOctoPrint(settings: Pick<PrinterSettings, 'url' | 'apiKey'>, options: OctoPrintOptions = {}): Printer {
  const http = createPrinterHttp({ ...options, kind: 'octoprint', url: settings.url });
  const auth: Record<string, string> = settings.apiKey ? { 'x-api-key': settings.apiKey } : {};
  const filePath = (origin: string, path: string) => `/api/files/${encodeURIComponent(origin)}/${path.split('/').map(encodeURIComponent).join('/')}`;
  const busyOn409 = async (request: Parameters<typeof http.exchange>[0]): Promise<PrinterAnswer> => {
    const answer = await http.exchange(request);
    if (answer.status === 409) throw http.refusal(answer, true);
    if (answer.status < 200 || answer.status >= 300) throw http.refusal(answer);
    return answer;
  };

  /** Operational with a file still selected: finished, cancelled or just idle (see the header). */
  const afterPrint = async (body: JobAnswer, signal?: AbortSignal): Promise<PrinterPhase> => {
    const file = body.job?.file;
    if (!file?.name) return 'idle';
    if (num(body.progress?.completion) === 100) return 'finished';
    const answer = await http.exchange({ method: 'GET', path: filePath(file.origin ?? 'local', file.path ?? file.name), headers: auth, signal });
    if (answer.status === 404) return 'idle';
    if (answer.status < 200 || answer.status >= 300) throw http.refusal(answer);
    const info = parseJson<{ prints?: { last?: { success?: boolean } | null } }>('octoprint', answer);
    return info.prints?.last?.success === false ? 'cancelled' : 'idle';
  };

  return {
    kind: 'octoprint',
    url: http.base,
    async upload(name, gcode, { start, signal }): Promise<UploadedFile> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(gcode)], { type: 'application/octet-stream' }), name);
      if (start) {
        form.append('select', 'true');
        form.append('print', 'true');
      }
      // 409 here: the file being printed has this name (File operations, "Upload file").
      const answer = await busyOn409({ method: 'POST', path: '/api/files/local', headers: auth, body: form, signal, uploadBytes: gcode.length });
      const body = parseJson<{ files?: { local?: { name?: string; path?: string } }; effectivePrint?: boolean }>('octoprint', answer);
      const local = body.files?.local ?? {};
      return { name: local.path ?? local.name ?? name, started: start && body.effectivePrint === true };
    },
    async start(name, signal) {
      await busyOn409({
        method: 'POST',
        path: filePath('local', name),
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'select', print: true }),
        signal,
      });
    },
    async status(signal): Promise<PrinterStatus> {
      const body = parseJson<JobAnswer>('octoprint', await http.send({ method: 'GET', path: '/api/job', headers: auth, signal }));
      const text = clipText(body.state) ?? 'Unknown';
      let phase = phaseOfStateText(text);
      if (phase === null) {
        const printer = await http.exchange({ method: 'GET', path: '/api/printer?exclude=temperature,sd', headers: auth, signal });
        if (printer.status === 409) phase = 'offline'; // "If the printer is not operational"
        else if (printer.status >= 200 && printer.status < 300) phase = phaseOfFlags(parseJson<{ state?: { flags?: Flags } }>('octoprint', printer).state?.flags ?? {});
        else throw http.refusal(printer);
      }
      if (phase === 'operational') phase = await afterPrint(body, signal);
      const file = body.job?.file;
      const printing = phase === 'printing' || phase === 'paused';
      const completion = num(body.progress?.completion);
      return {
        phase,
        file: clipText(file?.name ?? null),
        percent: phase === 'finished' ? 100 : percentOf(completion),
        secondsLeft: phase === 'finished' ? 0 : printing ? secondsOf(num(body.progress?.printTimeLeft)) : null,
        message: phase === 'error' ? (errorText(body.error ?? '') ?? text) : text,
      };
    },
  };
}
