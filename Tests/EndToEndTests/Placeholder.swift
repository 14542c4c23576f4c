// End-to-end tests of the flashscope binary live here; SwiftPM needs one source file for the target.
