/*
 * Replays every recording in functions/test/recordings/<provider>/ through that provider's
 * listTasks and normalize (format and scrub rule: functions/test/recordings/README.md). A user's
 * own recording dropped in there runs here too.
 */
import { PROVIDER_IDS } from "../../../src/domain/provider-id";
import { loadRecordings, parseRecording, SCRUBBED, type Recording } from "../../recordings/recording";
import { replayListTasks } from "../../recordings/replay";

const recordings = loadRecordings();

/** Dates compare as ISO strings, so an expectation can be written as the provider's own text. */
function comparable(task: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(task).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

describe("recorded interactions", () => {
  it("ships at least one recording per provider", () => {
    expect(new Set(recordings.map((r) => r.recording.provider))).toEqual(new Set(PROVIDER_IDS));
  });

  it.each(recordings.map((r) => [r.file, r.recording] as const))("%s replays through listTasks and normalize", async (_file, recording) => {
    const replay = await replayListTasks(recording);
    expect(replay.mismatches).toEqual([]);
    if (recording.expect) {
      expect(replay.tasks).toHaveLength(recording.expect.tasks.length);
      replay.tasks.forEach((task, i) => {
        const expected = recording.expect!.tasks[i]!;
        expect(comparable(task)).toMatchObject(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v).toISOString() : v])));
      });
    }
  });
});

describe("a recording that does not match what we send", () => {
  const github = recordings.find((r) => r.recording.provider === "github")!.recording;

  it("reports a request the recording does not have", async () => {
    const other: Recording = structuredClone(github);
    other.exchanges[0]!.request.url = other.exchanges[0]!.request.url.replace("per_page=100", "per_page=50");
    await expect(replayListTasks(other)).resolves.toMatchObject({ mismatches: ["request 1: query per_page=100, recorded 50"] });
  });

  it("reports recorded exchanges the pass never asked for", async () => {
    const longer: Recording = structuredClone(github);
    longer.exchanges.push(structuredClone(longer.exchanges[0]!));
    await expect(replayListTasks(longer)).resolves.toMatchObject({ mismatches: ["1 recorded exchange(s) never requested"] });
  });
});

describe("the scrub rule the loader enforces", () => {
  // A loose view of the JSON, so each test can break one field of a shipped recording.
  type Loose = { [key: string]: Loose } & Loose[] & string;
  const text = (mutate: (r: Loose) => void): string => {
    const raw = structuredClone(recordings.find((r) => r.recording.provider === "clickup")!.recording) as unknown as Loose;
    mutate(raw);
    return JSON.stringify(raw);
  };

  it("accepts the shipped recordings, whose credentials are all scrubbed", () => {
    expect(recordings.every((r) => r.recording.exchanges.every((x) => Object.entries(x.request.headers).every(([n, v]) => !/authorization|api-key/i.test(n) || v === SCRUBBED)))).toBe(true);
  });

  it("refuses an Authorization header that is not scrubbed", () => {
    expect(() => parseRecording(text((r) => (r.exchanges[0].request.headers.authorization = "pk_4719_0123456789ABCDEFGHIJKLMNOPQRSTUV" as Loose)), "clickup/mine.json")).toThrow(
      'clickup/mine.json: refused, secrets not scrubbed: exchanges[0].request.headers.authorization is not "[scrubbed]"',
    );
  });

  it("refuses a token-shaped string anywhere in a body or URL", () => {
    expect(() => parseRecording(text((r) => (r.exchanges[0].response.body.tasks[0].description = "key ghp_16C7e42F292c6912E7710c838347Ae178B4a" as Loose)), "x.json")).toThrow(/response\.body\.tasks\[0\]\.description holds a token-shaped value/);
    expect(() => parseRecording(text((r) => (r.exchanges[0].request.url = `${r.exchanges[0].request.url}&token=lin_api_0123456789abcdefghijklmnopqrstuvwx` as Loose)), "x.json")).toThrow(/request\.url holds a token-shaped value/);
  });

  it("refuses a credential-named field that holds a value", () => {
    expect(() => parseRecording(text((r) => (r.exchanges[0].response.body.access_token = "abc" as Loose)), "x.json")).toThrow(/response\.body\.access_token is not "\[scrubbed\]"/);
  });

  it("refuses a file that is not a recording, naming the field", () => {
    expect(() => parseRecording(text((r) => delete (r as Partial<Loose>).project), "x.json")).toThrow(/x\.json: not a recording: project: Invalid input/);
  });
});
