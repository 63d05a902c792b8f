package dev.exfilguard.cli;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.util.List;
import java.util.Map;

/**
 * Links the generated {@code equals} and {@code hashCode} of the model records a scan hashes,
 * on the rule-loading thread while the main thread reads the arguments and the files. A
 * record's generated methods are bound at their first call through {@code ObjectMethods}: about
 * 25 ms for the first record of a JVM and 3 to 5 ms for each further one, which class-data
 * sharing does not keep. A hook's scan of one file called nine of them on its main thread, about
 * a third of its run. Calling them here once, on throwaway values, moves that cost off the
 * critical path; it changes nothing else.
 */
final class RecordWarmup implements Runnable {
  @Override
  public void run() {
    Location at = new Location("", 1, 1);
    Meta meta = Meta.explicit(at);
    Value.Str str = new Value.Str("", meta);
    Value.Obj obj = new Value.Obj(Map.of("a", str), meta);
    Resource resource = new Resource("t", "n", "a", obj, at, SourceFormat.ARM, false);
    int sum = at.hashCode() + meta.hashCode() + str.hashCode() + obj.hashCode() + resource.hashCode()
        + new Value.Arr(List.of(), meta).hashCode() + new Value.Bool(true, meta).hashCode()
        + new Value.Num(java.math.BigDecimal.ONE, meta).hashCode() + new Value.Null(meta).hashCode();
    boolean same = at.equals(new Location("", 1, 2)) || meta.equals(Meta.explicit(at)) || str.equals(obj)
        || resource.equals(resource.withBody(obj));
    // a use of the results, so that nothing of the above can be dropped
    if (sum == 0 && same) Thread.yield();
  }
}
