package io.ecslattice.bench;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A dispatching process for the client-killed drill: dispatches {@code leaves} slow leaves and a reducer
 * on the executor named {@code ecs} (config file and stack outputs, as a user's process would), prints
 * the dispatch id, then waits for the result, which it never sees when the drill kills it.
 *
 * <pre>DrillClient &lt;leaves&gt; &lt;seconds per leaf&gt;
 * DrillClient &lt;leaves&gt; &lt;s3:// prefix&gt;    (leaves are {@link DrillElectrons#gatedLeaf}: counted, finishing when the drill says)</pre>
 */
public final class DrillClient {

    private DrillClient() {
    }

    public static void main(String[] args) {
        int leaves = Integer.parseInt(args[0]);
        String runs = args[1].startsWith("s3://") ? args[1] : null;
        int seconds = runs == null ? Integer.parseInt(args[1]) : 0;
        var slow = Electron.of(DrillElectrons::slowLeaf).executor("ecs");
        var gated = Electron.of(DrillElectrons::gatedLeaf).executor("ecs");
        var gather = Electron.of(DrillElectrons::gather).executor("ecs");
        var lattice = Lattice.of("drill-client-killed", () -> {
            List<Value<Integer>> values = new ArrayList<>();
            for (int i = 0; i < leaves; i++) {
                values.add(runs == null ? slow.call(Value.of(i), Value.of(seconds))
                        : gated.call(Value.of(runs), Value.of(i)));
            }
            return gather.call(Value.list(values));
        });
        var dispatch = lattice.dispatch();
        System.out.println("DISPATCHED " + dispatch.id());
        System.out.flush();
        System.out.println(dispatch.result());
    }
}
