import { IsoDateSchema, IsoDateTimeSchema, toIsoDate } from "../../../../src/providers/shared/iso-dates";

describe("IsoDateTimeSchema", () => {
  it("parses a UTC or offset timestamp to the same instant", () => {
    expect(IsoDateTimeSchema.parse("2020-01-23T12:53:18.084Z")).toEqual(new Date(Date.UTC(2020, 0, 23, 12, 53, 18, 84)));
    expect(IsoDateTimeSchema.parse("2020-01-23T14:53:18.084+02:00")).toEqual(new Date(Date.UTC(2020, 0, 23, 12, 53, 18, 84)));
  });

  it("rejects a bare day, a zoneless time and garbage", () => {
    for (const value of ["2020-01-23", "2020-01-23T12:53:18", "yesterday", 1579783998084]) {
      expect(IsoDateTimeSchema.safeParse(value).success).toBe(false);
    }
  });
});

describe("IsoDateSchema", () => {
  it("parses a calendar day to midnight UTC", () => {
    expect(IsoDateSchema.parse("2020-02-29")).toEqual(new Date(Date.UTC(2020, 1, 29)));
  });

  it("rejects a day that does not exist and a timestamp", () => {
    expect(IsoDateSchema.safeParse("2021-02-29").success).toBe(false);
    expect(IsoDateSchema.safeParse("2020-02-07T00:00:00Z").success).toBe(false);
  });

  it("round-trips through toIsoDate", () => {
    expect(toIsoDate(IsoDateSchema.parse("2020-02-07"))).toBe("2020-02-07");
  });
});
