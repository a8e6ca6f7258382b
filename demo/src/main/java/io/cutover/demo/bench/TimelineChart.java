package io.cutover.demo.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.renderer.category.GanttRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.gantt.Task;
import org.jfree.data.gantt.TaskSeries;
import org.jfree.data.gantt.TaskSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * One cutover's fenced steps as bars on a time axis (JFreeChart's Gantt chart, drawn to SVG by
 * JFreeSVG): each step's wall time, and under it the external time it waited for; the fenced window
 * is shaded.
 */
final class TimelineChart {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 420;

  private TimelineChart() {}

  static void write(FencedRun.Result result, Path file) throws IOException {
    JFreeChart chart = chart(result);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
  }

  static JFreeChart chart(FencedRun.Result result) {
    FencedBreakdown b = result.breakdown();
    TaskSeries wall = new TaskSeries("step (wall time)");
    TaskSeries external = new TaskSeries("external (what the step waited for)");
    for (FencedBreakdown.Part p : b.steps()) {
      wall.add(new Task(p.step().name(), since(b, p.start()), since(b, p.end())));
      Instant ext = p.external() == null ? p.start() : p.external();
      external.add(
          new Task(
              p.step().name(),
              since(b, p.start()),
              since(b, ext.equals(p.start()) ? ext.plusMillis(1) : ext)));
    }
    TaskSeriesCollection data = new TaskSeriesCollection();
    data.add(wall);
    data.add(external);
    JFreeChart chart =
        ChartFactory.createGanttChart(
            "Fenced window "
                + b.fencedMs()
                + " ms, overhead "
                + b.overheadMs()
                + " ms  ("
                + result.config().label()
                + ")",
            "step",
            "time since the fence began (min:s)",
            data,
            true,
            false,
            false);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    GanttRenderer renderer = (GanttRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, new Color(0x4C78A8));
    renderer.setSeriesPaint(1, new Color(0xF58518));
    renderer.setShadowVisible(false);
    DateAxis axis = (DateAxis) plot.getRangeAxis();
    SimpleDateFormat minutes = new SimpleDateFormat("m:ss.S");
    minutes.setTimeZone(TimeZone.getTimeZone("UTC"));
    axis.setDateFormatOverride(minutes);
    IntervalMarker fenced =
        new IntervalMarker(
            0, b.fencedMs(), new Color(0xE45756), new java.awt.BasicStroke(1f), null, null, 0.12f);
    fenced.setLabel("clients fenced");
    fenced.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    fenced.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addRangeMarker(fenced, Layer.BACKGROUND);
    return chart;
  }

  /** Time as an offset from the fence's start, on a date axis read in UTC. */
  @SuppressWarnings("JavaUtilDate") // JFreeChart's Gantt tasks take Dates
  private static Date since(FencedBreakdown b, Instant t) {
    return new Date(t.toEpochMilli() - b.from().toEpochMilli());
  }
}
