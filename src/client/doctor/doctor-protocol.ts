/**
 * What the dev doctor client (`doctor-client.ts`) sends the dev server: the findings the page
 * makes, over the HMR socket. (The deck's data comes from the page's `DevPageData`, see
 * `src/client/deck/hmr-protocol.ts`.) Apart from the client, whose import starts it, so that
 * the server can share the names and shapes.
 */
import type { DoctorFinding } from './doctor-rules.ts';

/** The query parameter of the doctor's hidden print-view copy of the page. */
export const PROBE_PARAM = 'slidewrightDoctor';

/** HMR event carrying `DoctorEventData` from the page to the server. */
export const DOCTOR_EVENT = 'slidewright:doctor';

export interface DoctorEventData {
  deck: string;
  /** The page's own findings (the server knows the pipeline's diagnostics). */
  findings: DoctorFinding[];
  /** First markdown line of each slide, to place pipeline diagnostics in slides. */
  slideLines: number[];
}
