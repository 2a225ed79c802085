import { startOAuthConnect, submitConnectStart, type ConnectStart, type FormDocument } from "../src/connect";

/** A document that records the elements made and the form submitted (no DOM in the unit project; the browser test drives the real one). */
function recordingDocument() {
  const appended: unknown[] = [];
  const submitted: Array<{ method: string; action: string; enctype: string; fields: Record<string, string> }> = [];
  const doc: FormDocument = {
    createElement: ((tag: string) => {
      if (tag === "input") return { type: "", name: "", value: "" };
      const children: Array<{ name: string; value: string }> = [];
      const form = {
        method: "",
        action: "",
        enctype: "",
        style: { display: "" },
        appendChild: (node: { name: string; value: string }) => children.push(node),
        submit: () => submitted.push({ method: form.method, action: form.action, enctype: form.enctype, fields: Object.fromEntries(children.map((c) => [c.name, c.value])) }),
      };
      return form;
    }) as FormDocument["createElement"],
    body: { appendChild: (node: never) => appended.push(node) },
  };
  return { doc, appended, submitted };
}

const START: ConnectStart = { url: "https://us-central1-p.cloudfunctions.net/oauth/github/start", state: "s".repeat(43), connectToken: "t".repeat(43) };

describe("submitConnectStart", () => {
  it("posts state and connectToken as a hidden form to the start endpoint, never in its URL", () => {
    const { doc, appended, submitted } = recordingDocument();
    submitConnectStart(START, doc);
    expect(appended).toHaveLength(1);
    expect(submitted).toEqual([{ method: "POST", action: START.url, enctype: "application/x-www-form-urlencoded", fields: { state: START.state, connectToken: START.connectToken } }]);
    expect(submitted[0]!.action).not.toContain(START.connectToken);
  });
});

describe("startOAuthConnect", () => {
  it("asks connectProvider with the app's input, then submits the answer's form", async () => {
    const { doc, submitted } = recordingDocument();
    const asked: unknown[] = [];
    await startOAuthConnect({ connectProvider: async (input) => (asked.push(input), START) }, { orgId: "o", provider: "github", redirectUrl: "https://app.example.com/" }, doc);
    expect(asked).toEqual([{ orgId: "o", provider: "github", redirectUrl: "https://app.example.com/" }]);
    expect(submitted.map((s) => s.fields.connectToken)).toEqual([START.connectToken]);
  });
});
