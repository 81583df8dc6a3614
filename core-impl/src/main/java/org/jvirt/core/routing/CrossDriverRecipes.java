package org.jvirt.core.routing;

import java.util.Map;
import org.jvirt.api.Operation;
import org.jvirt.spi.Composition;
import org.jvirt.spi.Driver;

/**
 * What each operation of {@link Composition#CROSS_DRIVER_OPERATIONS} needs of its two members:
 * the operation the member holding the definition answers, and the one the acting member performs.
 * The call sites perform the recipe (see {@code DomainHandle#start}); this says whether a route can
 * hold the step at all.
 */
final class CrossDriverRecipes {
    /** operation -> {what the source answers, what the actor performs}. */
    private static final Map<Operation, Operation[]> RECIPES = Map.of(
            Operation.DOMAIN_CREATE, new Operation[] {Operation.DOMAIN_GET_XML_DESC, Operation.DOMAIN_CREATE_XML});

    private CrossDriverRecipes() {
    }

    /** Whether {@code source} and {@code actor} declare what {@code op}'s recipe needs of them. */
    static boolean possible(Operation op, Driver source, Driver actor) {
        Operation[] recipe = recipe(op);
        boolean possible = DeclaredOperations.of(source.getClass()).contains(recipe[0])
                && DeclaredOperations.of(actor.getClass()).contains(recipe[1]);
        if (!possible) {
            System.getLogger(Router.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot serve " + op.libvirtName() + " with " + source.name() + "'s definitions through "
                            + actor.name() + ": it needs " + source.name() + " to declare " + recipe[0].libvirtName()
                            + " and " + actor.name() + " to declare " + recipe[1].libvirtName());
        }
        return possible;
    }

    /** The operation the acting member performs for {@code op}. */
    static Operation actorOperation(Operation op) {
        return recipe(op)[1];
    }

    private static Operation[] recipe(Operation op) {
        Operation[] recipe = RECIPES.get(op);
        if (recipe == null) {
            throw new IllegalArgumentException("no cross-driver recipe for " + op);
        }
        return recipe;
    }
}
