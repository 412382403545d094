import ArgumentParser
import Inference
import Quotas

/// `stylify admin plans list|show|set|create`.
struct AdminPlans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "List, inspect, edit and create plans.",
        discussion: "Limits: \(LimitName.allCases.map(\.rawValue).joined(separator: ", ")).",
        subcommands: [List.self, Show.self, Set.self, Create.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every plan with every limit (one column per plan).")
        @OptionGroup var options: AdminOptions

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let plans = try options.openQuotas().administration.plans()
                if options.json { return try AdminOutput.json(plans) }
                AdminOutput.table(["LIMIT"] + plans.map(\.name), LimitName.allCases.map { limit in
                    [limit.rawValue] + plans.map { LimitValue.format($0[limit], for: limit) }
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One plan's limits.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Plan name.") var plan: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let plan = try options.openQuotas().administration.plan(named: plan)
                if options.json { return try AdminOutput.json(plan) }
                AdminPlans.printLimits(of: plan)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set one limit of a plan, or the models it may use; running servers apply it within a second.",
            discussion: """
                VALUE is a whole number; bytes accept KB/MB/GB or KiB/MiB/GiB, seconds s/m/h/d, counts k/M.
                --models takes a comma-separated list of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")) \
                (e.g. `plans set premium --models microast,adain`), or `all` for every model the server has loaded; \
                a stylization asking for another model is refused with 403 model_not_in_plan.
                """)
        @OptionGroup var options: AdminOptions
        @Argument(help: "Plan name.") var plan: String
        @Argument(help: "Limit name, e.g. monthly_frames.") var limit: String?
        @Argument(help: "New value, e.g. 1000, 25MiB, 24h.") var value: String?
        @Option(help: "The models the plan may use, e.g. microast,adain, or all.") var models: String?

        func validate() throws {
            switch (limit, value, models) {
            case (nil, nil, .some): return
            case (.some, .some, _): return
            case (.some, nil, _): throw ValidationError("Give the new VALUE of \(limit!).")
            default: throw ValidationError("Give a LIMIT and its VALUE, or --models.")
            }
        }

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let administration = try options.openQuotas().administration
                var updated: Plan?
                if let limit, let value {
                    let name = try LimitName.parse(limit)
                    let number = try LimitValue.parse(value, for: name)
                    updated = try administration.setLimit(name, to: number, inPlan: plan)
                    if !options.json { print("\(plan): \(name.rawValue) = \(LimitValue.format(updated![name], for: name))") }
                }
                if let models {
                    updated = try administration.setModels(models, inPlan: plan, known: ModelKind.allCases.map(\.rawValue))
                    if !options.json { print("\(plan): models = \(AdminPlans.modelList(updated!))") }
                }
                if options.json, let updated { try AdminOutput.json(updated) }
            }
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a plan as a copy of another, then edit it with `plans set`.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "New plan name (a-z, 0-9, _ or -, starting with a letter).") var name: String
        @Option(help: "Plan to copy the limits from.") var from: String = "free"

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let plan = try options.openQuotas().administration.createPlan(name, from: from)
                if options.json { return try AdminOutput.json(plan) }
                print("created plan \(plan.name) from \(from)")
                AdminPlans.printLimits(of: plan)
            }
        }
    }

    static func printLimits(of plan: Plan) {
        AdminOutput.table(["LIMIT", "VALUE", "RAW"], LimitName.allCases.map { limit in
            [limit.rawValue, LimitValue.format(plan[limit], for: limit), String(plan[limit])]
        } + [["models", modelList(plan), modelList(plan)]])
    }

    /// `adain,microast`, or `all` for a plan without a model list.
    static func modelList(_ plan: Plan) -> String {
        plan.models?.joined(separator: ",") ?? "all"
    }
}
