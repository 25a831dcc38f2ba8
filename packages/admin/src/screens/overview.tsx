import type { TargetedEvent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { Field, Loading, Problem } from "../components.tsx";
import { formatDate, formatNumber, formatPercent, formatShortDate, t } from "../i18n.ts";
import { useAppliedForm } from "../paged-list.ts";
import { ProductName } from "../product-name.tsx";
import { go, route } from "../router.ts";
import { useSignal } from "../signal.ts";
import { StoreZoneNote } from "../store-zone.tsx";
import type { Overview as Figures } from "../types.ts";
import { Chart } from "./chart.tsx";

/** The owner's weekly look: figures, charts with their tables, best and worst products. */
export default function Overview() {
  const where = useSignal(route);
  const from = where.params.get("from") ?? "";
  const to = where.params.get("to") ?? "";
  const range = `${from}/${to}`;
  // The figures with the range they answer: the screen shows (and its fields default to) only
  // the applied range's, never the last range's while the next is asked, nor a slower answer to
  // a range left behind.
  const [answer, setAnswer] = useState<{ range: string; figures: Figures } | null>(null);
  const data = answer?.range === range ? answer.figures : null;
  const [failed, setFailed] = useState<{ range: string; error: unknown } | null>(null);
  const [rangeError, setRangeError] = useState<string>();
  const form = useAppliedForm(range);

  const load = () => {
    setFailed(null);
    setAnswer(null);
    const params = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    api<Figures>(`/v1/admin/overview?${params}`).then(
      ({ data: figures }) => setAnswer({ range, figures }),
      (error: unknown) => setFailed({ range, error }),
    );
  };
  useEffect(load, [from, to]);

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const nextFrom = String(form.get("from") ?? "");
    const nextTo = String(form.get("to") ?? "");
    if (nextFrom && nextTo && nextFrom > nextTo) {
      setRangeError(t("rangeInvalid"));
      return;
    }
    setRangeError(undefined);
    go("overview", { from: nextFrom, to: nextTo });
  }

  return (
    <section aria-labelledby="overview-title" class="overview">
      <h1 id="overview-title">{t("overviewTitle")}</h1>
      {/* Uncontrolled (paged-list.ts's useAppliedForm says why); the range the server answers
          shows in a field not typed in. */}
      <form ref={form} class="card range" onSubmit={submit} noValidate>
        <Field label={t("from")} error={rangeError}>
          {(a) => <input {...a} type="date" name="from" defaultValue={data?.range.from ?? from} />}
        </Field>
        <Field label={t("to")}>
          {(a) => <input {...a} type="date" name="to" defaultValue={data?.range.to ?? to} />}
        </Field>
        <button type="submit">{t("show")}</button>
      </form>
      <StoreZoneNote onChanged={load} />
      {failed?.range === range ? (
        <Problem error={failed.error} onRetry={load} />
      ) : !data ? (
        <Loading />
      ) : (
        <OverviewFigures data={data} />
      )}
    </section>
  );
}

function OverviewFigures({ data }: { data: Figures }) {
  const weeks = data.weeks.map((w) => formatDate(`${w.week}T00:00:00Z`));
  const shortWeeks = data.weeks.map((w) => formatShortDate(`${w.week}T00:00:00Z`));
  return (
    <>
      <p class="hint">{t("overviewNote")}</p>
      <dl class="figures">
        <Figure name="reviews" label={t("reviewsReceived")} value={formatNumber(data.reviews)} />
        <Figure
          name="average"
          label={t("averageRating")}
          value={data.average === null ? "–" : formatNumber(data.average, 2)}
        />
        <Figure
          name="media"
          label={t("mediaShare")}
          value={formatPercent(data.withMedia, data.reviews)}
          raw={data.withMedia}
        />
        <Figure
          name="verified"
          label={t("verifiedShare")}
          value={formatPercent(data.verified, data.reviews)}
          raw={data.verified}
        />
      </dl>
      {data.reviews === 0 ? (
        <p class="empty">{t("noData")}</p>
      ) : (
        <div class="charts">
          <Chart
            id="per-week"
            title={t("reviewsPerWeek")}
            kind="bars"
            labels={weeks}
            axisLabels={shortWeeks}
            values={data.weeks.map((w) => w.reviews)}
            columns={[t("week"), t("reviews")]}
          />
          <Chart
            id="average-per-week"
            title={t("averageOverTime")}
            kind="line"
            labels={weeks}
            axisLabels={shortWeeks}
            values={data.weeks.map((w) => w.average)}
            columns={[t("week"), t("average")]}
            yRange={[1, 5]}
            format={(n) => formatNumber(n, 2)}
          />
          <Chart
            id="distribution"
            title={t("ratingDistribution")}
            kind="bars"
            labels={["1", "2", "3", "4", "5"].map((n) => `${n} ★`)}
            values={data.ratingDistribution}
            columns={[t("rating"), t("count")]}
          />
        </div>
      )}
      <div class="products">
        <ProductTable id="top" title={t("topProducts")} items={data.topProducts} />
        <ProductTable id="bottom" title={t("bottomProducts")} items={data.bottomProducts} />
      </div>
      {data.requests && (
        <Chart
          id="funnel"
          title={t("requestFunnel")}
          kind="bars"
          labels={[t("requestsCreated"), t("requestsSent"), t("requestsClicked"), t("requestsReviewed")]}
          values={[data.requests.created, data.requests.sent, data.requests.clicked, data.requests.reviewed]}
          columns={[t("requestFunnel"), t("count")]}
        />
      )}
    </>
  );
}

function Figure(props: { name: string; label: string; value: string; raw?: number }) {
  return (
    <div class="figure card" data-figure={props.name} data-raw={props.raw}>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

function ProductTable(props: { id: string; title: string; items: Figures["topProducts"] }) {
  if (props.items.length === 0) return null;
  return (
    <section class="card" aria-labelledby={`${props.id}-products`}>
      <h2 id={`${props.id}-products`}>{props.title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("product")}</th>
            <th scope="col">{t("average")}</th>
            <th scope="col">{t("reviews")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr key={p.productId}>
              <th scope="row" dir="auto">
                <ProductName product={{ id: p.productId, name: p.name, url: p.url }} />
              </th>
              <td>{formatNumber(p.average, 2)}</td>
              <td>{formatNumber(p.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
