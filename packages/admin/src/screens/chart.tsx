import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { t } from "../i18n.ts";

// One chart: uPlot draws it (a canvas, hidden from screen readers), and the same numbers are
// always available as a table (a button shows it) — the chart's text alternative.

export interface ChartProps {
  id: string;
  title: string;
  /** x labels (weeks, ratings) and one series of values. */
  labels: string[];
  /** Shorter x labels for the axis (the table shows `labels`). */
  axisLabels?: string[];
  values: (number | null)[];
  kind: "bars" | "line";
  /** Column headers of the table alternative. */
  columns: [string, string];
  yRange?: [number, number];
  format?: (n: number) => string;
}

const INK = "#1d4ed8";

export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [table, setTable] = useState(false);
  const format = props.format ?? ((n: number) => String(n));

  useEffect(() => {
    const el = box.current;
    if (!el || props.labels.length === 0) return;
    const xs = props.labels.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, xs.length - 0.5] },
          y: props.yRange
            ? { range: props.yRange }
            : { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            stroke: "#374151",
            grid: { show: false },
            values: (_u, splits) => splits.map((i) => (props.axisLabels ?? props.labels)[i] ?? ""),
            // At most about five labels, however many weeks: the table holds every one.
            splits: () => xs.filter((i) => i % Math.ceil(xs.length / 5) === 0),
          },
          { stroke: "#374151", grid: { stroke: "#e5e7eb" } },
        ],
        series: [
          {},
          props.kind === "bars"
            ? {
                stroke: INK,
                fill: INK,
                paths: uPlot.paths.bars?.({ size: [0.6, 60] }),
                points: { show: false },
              }
            : { stroke: INK, width: 2, points: { show: true, size: 6, fill: INK }, spanGaps: true },
        ],
      },
      [xs, props.values as number[]],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, el.clientWidth), height: 220 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.labels.join("|"), props.values.join("|")]);

  return (
    <figure class="chart card" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div ref={box} class="plot" aria-hidden="true" />
      <button
        type="button"
        class="quiet"
        aria-expanded={table}
        aria-controls={`${props.id}-table`}
        onClick={() => setTable(!table)}
      >
        {table ? t("hideTable") : t("showTable")}
      </button>
      <div id={`${props.id}-table`} hidden={!table}>
        <table>
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.columns[0]}</th>
              <th scope="col">{props.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {props.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>
                  {props.values[i] === null || props.values[i] === undefined
                    ? "–"
                    : format(props.values[i] as number)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
