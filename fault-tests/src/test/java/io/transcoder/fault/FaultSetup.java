package io.transcoder.fault;

import java.util.List;
import java.util.Map;

/**
 * What a scenario's system is made of.
 *
 * @param rabbitConfig lines of every node's rabbitmq.conf
 * @param rabbitAdvanced every node's advanced.config (an Erlang term list)
 * @param properties further service properties, over the harness's own
 */
record FaultSetup(String scenario, int rabbitNodes, List<String> rabbitConfig, String rabbitAdvanced, int encoders,
        int notifiers, Map<String, String> properties) {

    static FaultSetup of(String scenario) {
        return new FaultSetup(scenario, 1, List.of(), "[].", 1, 1, Map.of());
    }

    FaultSetup withRabbitNodes(int count) {
        return new FaultSetup(scenario, count, rabbitConfig, rabbitAdvanced, encoders, notifiers, properties);
    }

    FaultSetup withRabbit(List<String> config, String advanced) {
        return new FaultSetup(scenario, rabbitNodes, config, advanced, encoders, notifiers, properties);
    }

    FaultSetup withEncoders(int count) {
        return new FaultSetup(scenario, rabbitNodes, rabbitConfig, rabbitAdvanced, count, notifiers, properties);
    }

    FaultSetup withNotifiers(int count) {
        return new FaultSetup(scenario, rabbitNodes, rabbitConfig, rabbitAdvanced, encoders, count, properties);
    }

    FaultSetup withProperties(Map<String, String> more) {
        return new FaultSetup(scenario, rabbitNodes, rabbitConfig, rabbitAdvanced, encoders, notifiers, more);
    }
}
