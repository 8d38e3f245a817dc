/**
 * What the dev server and the dev doctor client (`doctor-client.ts`) exchange: the deck's data
 * the server puts in the page, and the findings the page sends back over the HMR socket. Apart
 * from the client, whose import starts it, so that the server can share the names and shapes.
 */
import type { DoctorFinding, PipelineDiagnostic } from './doctor-rules.ts';

/** Id of the `<script type="application/json">` with the `DoctorPageData`. */
export const DATA_ELEMENT_ID = 'slidewright-doctor-data';
/** HMR event carrying `DoctorEventData` from the page to the server. */
export const DOCTOR_EVENT = 'slidewright:doctor';

export interface DoctorPageData {
  deck: string;
  /** The deck file as the terminal shows it (relative to the project). */
  file: string;
  diagnostics: PipelineDiagnostic[];
}

export interface DoctorEventData {
  deck: string;
  /** The page's own findings (the server knows the pipeline's diagnostics). */
  findings: DoctorFinding[];
  /** First markdown line of each slide, to place pipeline diagnostics in slides. */
  slideLines: number[];
}
