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
 * <pre>DrillClient &lt;leaves&gt; &lt;seconds per leaf&gt;</pre>
 */
public final class DrillClient {

    private DrillClient() {
    }

    public static void main(String[] args) {
        int leaves = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        var slow = Electron.of(DrillElectrons::slowLeaf).executor("ecs");
        var gather = Electron.of(DrillElectrons::gather).executor("ecs");
        var lattice = Lattice.of("drill-client-killed", () -> {
            List<Value<Integer>> values = new ArrayList<>();
            for (int i = 0; i < leaves; i++) {
                values.add(slow.call(Value.of(i), Value.of(seconds)));
            }
            return gather.call(Value.list(values));
        });
        var dispatch = lattice.dispatch();
        System.out.println("DISPATCHED " + dispatch.id());
        System.out.flush();
        System.out.println(dispatch.result());
    }
}
