/** Operations for instructors: the data reset. (Protected by the admin token on /api/admin/**.) */
package dev.perfshop.server.ops;
