package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.TypeRef;
import io.ecslattice.workflow.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed values across the wire: records holding enums and lists of records go in as a lattice argument, through two
 * electrons as a nested generic {@code Map<Color, List<Shape>>}, and are read back as that type with a {@link TypeRef}.
 */
public final class TypesRow implements Row {

    /** A colour. */
    public enum Color { RED, GREEN, BLUE }

    /** A point. */
    public record Point(int x, int y) {
    }

    /** A named, coloured polygon. */
    public record Shape(String name, Color color, List<Point> corners) {
    }

    static Map<Color, List<Shape>> byColor(List<Shape> shapes) {
        Map<Color, List<Shape>> grouped = new LinkedHashMap<>();
        shapes.forEach(shape -> grouped.computeIfAbsent(shape.color(), c -> new ArrayList<>()).add(shape));
        return grouped;
    }

    static Map<Color, List<Shape>> mirrored(Map<Color, List<Shape>> shapes) {
        Map<Color, List<Shape>> mirrored = new LinkedHashMap<>();
        shapes.forEach((color, list) -> mirrored.put(color, list.stream().map(TypesRow::mirror).toList()));
        return mirrored;
    }

    private static Shape mirror(Shape shape) {
        return new Shape(shape.name(), shape.color(), shape.corners().stream().map(p -> new Point(-p.x(), p.y())).toList());
    }

    private static List<Shape> shapes() {
        return List.of(new Shape("a", Color.RED, List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1))),
                new Shape("b", Color.BLUE, List.of(new Point(2, 2), new Point(3, 3))),
                new Shape("c", Color.RED, List.of()));
    }

    @Override
    public String name() {
        return "records, enums, generics";
    }

    @Override
    public Facts run(Cell cell) {
        var byColor = Electron.of(TypesRow::byColor);
        var mirrored = Electron.of(TypesRow::mirrored);
        var lattice = Lattice.of("types", (Value<List<Shape>> shapes) -> mirrored.call(byColor.call(shapes)));

        String id = lattice.dispatch(cell.client(), shapes()).id();
        Result<Map<Color, List<Shape>>> result = cell.client().attach(id, new TypeRef<Map<Color, List<Shape>>>() {
        }).result(cell.patience());

        return Facts.of(result).value(result);
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", Map.of(
                Color.RED, List.of(new Shape("a", Color.RED, List.of(new Point(0, 0), new Point(-1, 0), new Point(0, 1))),
                        new Shape("c", Color.RED, List.of())),
                Color.BLUE, List.of(new Shape("b", Color.BLUE, List.of(new Point(-2, 2), new Point(-3, 3))))));
    }
}
