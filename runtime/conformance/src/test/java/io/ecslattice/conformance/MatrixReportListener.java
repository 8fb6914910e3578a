package io.ecslattice.conformance;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints the rows x columns table once every column of the run has ended (registered in META-INF/services). */
public final class MatrixReportListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!MatrixReport.isEmpty()) {
            var file = MatrixReport.write();
            Console.OUT.println(System.lineSeparator() + "Conformance matrix (" + file + "):" + System.lineSeparator()
                    + MatrixReport.markdown());
        }
    }
}
