// Manage Xobin's AI-interview webhook settings as code.
package xobin
