package io.github.ecsexecreadiness.iam;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an AWS operation a method calls and the IAM it needs: the action AWS authorizes the call with and
 * every policy statement that names that action (the grant with its resources and conditions, and the denials
 * that bound it). Put it on the method of the narrow interface (or, without one, of the class) that makes the
 * call; one per operation, and one more per extra action (e.g. {@code ec2:CreateTags} for tags on create).
 *
 * <p>The stacks' policies are generated from these declarations ({@code bin/generate-iam}), and a test reads
 * the compiled classes: every SDK operation a class calls must be declared on it or its interfaces, so a call
 * without its permission fails the build instead of failing with AccessDenied in an account.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(CallsAws.All.class)
public @interface CallsAws {

    /** The operation as AWS names it, {@code Service.Operation}, as the call counts name it: "ECS.DescribeServices". */
    String operation();

    /**
     * The IAM action, when it is not the operation's own ({@code ecs:DescribeServices} for ECS.DescribeServices):
     * SQS.SendMessageBatch is authorized as {@code sqs:SendMessage}, each Update of a DynamoDB transaction as
     * {@code dynamodb:UpdateItem}.
     */
    String action() default "";

    /** Every statement that names the action: the grant, and any Deny that bounds it. */
    PolicyStatement[] statements();

    /** Several declarations on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        CallsAws[] value();
    }
}
